/*
 * Termos do glossário (issue 17, ponto 2): a explicação curta de um termo aparece perto dele, pelo
 * mouse, pelo teclado e pelo toque, sem que o leitor saia da frase. Contrato:
 * - cada termo marcado (a.engd-termo: o primeiro uso do termo na página, que leva ao verbete)
 *   mostra a sua explicação numa dica (role="tooltip", ligada ao termo por aria-describedby, que o
 *   leitor de tela lê como descrição) quando recebe o foco ou o ponteiro do mouse;
 * - a dica não some quando o ponteiro passa do termo para ela, e Esc a fecha sem mover o foco
 *   (WCAG 1.4.13); ela cabe na tela até 320 px e nunca faz a página rolar para o lado;
 * - no toque, o primeiro toque abre a dica com o link "Ver no glossário" e o botão "Fechar"; um
 *   segundo toque no termo, ou o link, leva ao verbete; tocar fora da dica a fecha;
 * - o atributo title do termo vira data-engd-dica (duas dicas ao mesmo tempo atrapalham a leitura).
 * Sem JavaScript, o termo continua um link para o verbete, com o title como dica do navegador.
 */
(function () {
  "use strict";

  var ID = "engd-dica";
  var MARGEM = 8; // px entre a dica e a borda da tela
  var dica = null;
  var texto = null;
  var acoes = null;
  var irAoVerbete = null;
  var termoAtual = null;
  var peloToque = false; // a dica aberta veio de um toque (tem link e botão)
  var ultimoPonteiro = "";
  var saida = null;
  var calado = null; // o termo que volta a ter o foco quando a dica fecha: não a reabre

  function voltarAoTermo(termo) {
    calado = termo;
    termo.focus();
  }

  function criarDica() {
    dica = document.createElement("div");
    dica.id = ID;
    dica.className = "engd-dica";
    dica.hidden = true;
    texto = document.createElement("p");
    texto.className = "engd-dica__texto";
    acoes = document.createElement("p");
    acoes.className = "engd-dica__acoes";
    irAoVerbete = document.createElement("a");
    irAoVerbete.textContent = "Ver no glossário";
    var fechar = document.createElement("button");
    fechar.type = "button";
    fechar.className = "engd-dica__fechar";
    fechar.textContent = "Fechar";
    fechar.addEventListener("click", function () {
      var termo = termoAtual;
      esconder();
      if (termo) voltarAoTermo(termo);
    });
    acoes.appendChild(irAoVerbete);
    acoes.appendChild(fechar);
    dica.appendChild(texto);
    dica.appendChild(acoes);
    dica.addEventListener("mouseenter", function () { window.clearTimeout(saida); });
    dica.addEventListener("mouseleave", esconderDepois);
    document.body.appendChild(dica);
  }

  function posicionar(termo) {
    var caixa = termo.getBoundingClientRect();
    var largura = document.documentElement.clientWidth;
    dica.style.left = "0px";
    dica.style.top = "0px";
    var larguraDaDica = dica.offsetWidth;
    var esquerda = Math.min(Math.max(caixa.left, MARGEM), largura - larguraDaDica - MARGEM);
    dica.style.left = Math.max(esquerda, MARGEM) + window.scrollX + "px";
    dica.style.top = caixa.bottom + window.scrollY + 6 + "px";
  }

  function mostrar(termo, toque) {
    if (!dica) criarDica();
    window.clearTimeout(saida);
    if (termoAtual && termoAtual !== termo) termoAtual.removeAttribute("aria-describedby");
    termoAtual = termo;
    peloToque = toque;
    texto.textContent = termo.getAttribute("data-engd-dica") || "";
    irAoVerbete.href = termo.href;
    acoes.hidden = !toque;
    if (toque) {
      dica.setAttribute("role", "dialog");
      dica.setAttribute("aria-label", "Glossário: " + termo.textContent.trim());
      termo.removeAttribute("aria-describedby");
    } else {
      dica.setAttribute("role", "tooltip");
      dica.removeAttribute("aria-label");
      termo.setAttribute("aria-describedby", ID);
    }
    dica.hidden = false;
    posicionar(termo);
  }

  function esconder() {
    window.clearTimeout(saida);
    if (!dica) return;
    dica.hidden = true;
    if (termoAtual) termoAtual.removeAttribute("aria-describedby");
    termoAtual = null;
    peloToque = false;
  }

  function esconderDepois() {
    window.clearTimeout(saida);
    saida = window.setTimeout(esconder, 300);
  }

  function termoDe(alvo) {
    return alvo && alvo.closest ? alvo.closest("a.engd-termo") : null;
  }

  function dentroDaDica(alvo) {
    return dica && alvo && dica.contains(alvo);
  }

  function preparar() {
    var termos = document.querySelectorAll(".md-typeset a.engd-termo[title]");
    for (var i = 0; i < termos.length; i++) {
      termos[i].setAttribute("data-engd-dica", termos[i].getAttribute("title"));
      termos[i].removeAttribute("title");
    }
    if (!termos.length) return;

    document.addEventListener("pointerdown", function (evento) {
      ultimoPonteiro = evento.pointerType;
      if (termoAtual && !termoDe(evento.target) && !dentroDaDica(evento.target)) esconder();
    }, true);
    document.addEventListener("mouseover", function (evento) {
      var termo = termoDe(evento.target);
      if (termo && !peloToque) mostrar(termo, false);
    });
    document.addEventListener("mouseout", function (evento) {
      var termo = termoDe(evento.target);
      if (termo && termo === termoAtual && !peloToque && document.activeElement !== termo) esconderDepois();
    });
    document.addEventListener("focusin", function (evento) {
      var termo = termoDe(evento.target);
      if (termo && termo === calado) return;
      calado = null;
      if (termo && !(peloToque && termo === termoAtual)) mostrar(termo, false);
    });
    document.addEventListener("focusout", function (evento) {
      if (termoDe(evento.target) === calado) calado = null;
      if (termoDe(evento.target) === termoAtual && !peloToque && !dentroDaDica(evento.relatedTarget)) esconder();
    });
    document.addEventListener("click", function (evento) {
      var termo = termoDe(evento.target);
      if (!termo || ultimoPonteiro !== "touch") return;
      if (termo === termoAtual && peloToque) return; // segundo toque: vai ao verbete
      evento.preventDefault();
      mostrar(termo, true);
    });
    document.addEventListener("keydown", function (evento) {
      if (evento.key !== "Escape" || !termoAtual || dica.hidden) return;
      var termo = termoAtual;
      var voltar = dentroDaDica(document.activeElement);
      esconder();
      if (voltar) voltarAoTermo(termo);
    });
    window.addEventListener("resize", function () { if (termoAtual) posicionar(termoAtual); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", preparar);
  } else {
    preparar();
  }
})();
