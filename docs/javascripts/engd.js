/*
 * JavaScript próprio do site (nenhum de terceiros). Contrato:
 * - seletor de contraste (claro, escuro, alto contraste): muda o atributo data-engd-contraste de
 *   <html> e guarda a escolha em localStorage["engd-contraste"]; nunca usa cookies;
 * - atalhos do eMAG (accesskey 1 a 4): cada um põe o foco no seu alvo, abrindo antes o menu
 *   lateral ou a busca quando estão fechados (telas estreitas);
 * - desliga os atalhos de uma só tecla do Material ("s", "f", "/", "n", "p", ",", "."), que
 *   o critério 2.1.4 da WCAG pede para poder desligar;
 * - os botões de menu e de busca do cabeçalho (rótulos <label> no Material) viram <button>,
 *   alcançados pelo Tab e acionados por Enter ou Espaço; o menu de gaveta fecha com Esc (o foco
 *   volta ao botão) e quando o foco sai dele, para nunca cobrir o item focado (WCAG 2.4.11);
 * - tabelas e blocos de código mais largos que a tela viram uma região rolável que o teclado
 *   alcança (WCAG 2.1.1), conferidas de novo quando a tela ou o modo de contraste muda;
 * - na impressão, mostra depois de cada link do conteúdo o endereço completo de destino;
 * - ao voltar a uma página guardada pelo navegador (botão Voltar), menu e busca começam fechados
 *   (os interruptores não têm autocomplete="off", que o HTML não permite em caixas de seleção).
 * - o script do Material (marcado em main.html) só é baixado no primeiro gesto do leitor; quando
 *   chega, recebe o DOMContentLoaded que já passou, para montar as suas partes;
 * Sem JavaScript o site continua legível: os atalhos viram links comuns para os mesmos alvos.
 */
(function () {
  "use strict";

  var CHAVE = "engd-contraste";
  var MODOS = ["claro", "escuro", "alto-contraste"];
  var raiz = document.documentElement;

  // --- Contraste ------------------------------------------------------------------------------

  function modoAtual() {
    var modo = raiz.getAttribute("data-engd-contraste");
    return MODOS.indexOf(modo) < 0 ? "claro" : modo;
  }

  function aplicarModo(modo, guardar) {
    if (MODOS.indexOf(modo) < 0) return;
    raiz.setAttribute("data-engd-contraste", modo);
    if (guardar) {
      try { localStorage.setItem(CHAVE, modo); } catch (erro) { /* modo privado: vale só nesta página */ }
    }
    if (guardar) prepararTabelasLargas(); // o alto contraste muda bordas e larguras
    var botoes = document.querySelectorAll("[data-engd-modo]");
    for (var i = 0; i < botoes.length; i++) {
      botoes[i].setAttribute("aria-pressed", String(botoes[i].getAttribute("data-engd-modo") === modo));
    }
  }

  function prepararContraste() {
    var grupo = document.querySelector(".engd-contraste");
    if (!grupo) return;
    grupo.hidden = false;
    grupo.addEventListener("click", function (evento) {
      var botao = evento.target.closest("[data-engd-modo]");
      if (botao) aplicarModo(botao.getAttribute("data-engd-modo"), true);
    });
    aplicarModo(modoAtual(), false);
    // Outra aba mudou o modo: esta acompanha.
    window.addEventListener("storage", function (evento) {
      if (evento.key === CHAVE && evento.newValue) aplicarModo(evento.newValue, false);
    });
  }

  // --- Atalhos do eMAG ------------------------------------------------------------------------

  function campoDeBusca() {
    return document.querySelector("[data-md-component=search-query]") ||
      document.querySelector("input[type=search]");
  }

  function ligarInterruptor(id) {
    var interruptor = document.getElementById(id);
    if (interruptor && !interruptor.checked) interruptor.click();
  }

  // Um elemento escondido (menu lateral fechado, busca fechada) não recebe foco; estas funções
  // abrem o que for preciso e devolvem o alvo.
  var ALVOS = {
    conteudo: function () { return document.getElementById("conteudo"); },
    menu: function () {
      var menu = document.getElementById("menu");
      if (menu && menu.getClientRects().length && !visivel(menu)) ligarInterruptor("__drawer");
      return menu;
    },
    busca: function () {
      var campo = campoDeBusca();
      if (campo && !visivel(campo)) ligarInterruptor("__search");
      return campo;
    },
    rodape: function () { return document.getElementById("rodape"); }
  };

  function visivel(elemento) {
    var caixa = elemento.getBoundingClientRect();
    var estilo = getComputedStyle(elemento);
    if (!(caixa.width > 0 && caixa.height > 0 && caixa.right > 0 && caixa.left < window.innerWidth &&
      estilo.visibility !== "hidden")) return false;
    // Issue 17: em telas estreitas a busca fechada tem tamanho e lugar, mas fica coberta; só conta
    // como visível o que está de fato no ponto do meio da sua caixa.
    var x = Math.min(Math.max(caixa.left + caixa.width / 2, 0), window.innerWidth - 1);
    var y = Math.min(Math.max(caixa.top + caixa.height / 2, 0), window.innerHeight - 1);
    var ali = document.elementFromPoint(x, y);
    return !!ali && (ali === elemento || elemento.contains(ali));
  }

  function focar(alvo, tentativas) {
    alvo.focus();
    // Menu e busca abrem com uma transição; enquanto invisíveis, o foco não pega.
    if (document.activeElement !== alvo && tentativas > 0) {
      window.setTimeout(function () { focar(alvo, tentativas - 1); }, 50);
    }
  }

  function prepararAtalhos() {
    var campo = campoDeBusca();
    if (campo && !campo.id) campo.id = "busca";
    var item = document.querySelector(".engd-atalhos__busca");
    if (item && !campo) item.hidden = true;

    document.addEventListener("click", function (evento) {
      var atalho = evento.target.closest("[data-engd-atalho]");
      if (!atalho) return;
      var alvo = ALVOS[atalho.getAttribute("data-engd-atalho")]();
      if (!alvo) return;
      // Sem mudar o endereço: o Material fecha menu e busca quando o fragmento (#...) muda.
      evento.preventDefault();
      focar(alvo, 10);
    });
  }

  // --- Botões do cabeçalho que o Material faz com <label>: botões de verdade --------------------
  // Um <label> não pode ter role="button" (ARIA in HTML); cada um vira um <button> com o mesmo
  // desenho, que aciona o mesmo interruptor. data-engd-interruptor diz qual (o CSS do Material
  // usa [for=...], repetido em engd.css para o botão). Sem JavaScript, o <label> continua lá.

  var BOTOES_DO_CABECALHO = { __drawer: "Abrir o menu", __search: "Abrir a busca" };

  function prepararBotoesDoCabecalho() {
    Object.keys(BOTOES_DO_CABECALHO).forEach(function (id) {
      var rotulo = document.querySelector(".md-header label.md-header__button[for=" + id + "]");
      if (!rotulo) return;
      var botao = document.createElement("button");
      botao.type = "button";
      botao.className = rotulo.className + " engd-botao-cabecalho";
      botao.setAttribute("data-engd-interruptor", id);
      botao.setAttribute("aria-label", BOTOES_DO_CABECALHO[id]);
      while (rotulo.firstChild) botao.appendChild(rotulo.firstChild);
      botao.addEventListener("click", function () {
        var interruptor = document.getElementById(id);
        if (interruptor) interruptor.click();
      });
      rotulo.parentNode.replaceChild(botao, rotulo);
    });
  }

  function prepararGaveta() {
    var gaveta = document.getElementById("__drawer");
    if (!gaveta) return;
    document.addEventListener("focusin", function (evento) {
      var alvo = evento.target;
      if (gaveta.checked && alvo.closest && !alvo.closest(".md-sidebar--primary, [data-engd-interruptor=__drawer]")) {
        gaveta.click();
      }
    });
    document.addEventListener("keydown", function (evento) {
      if (evento.key !== "Escape" || !gaveta.checked) return;
      gaveta.click();
      var botao = document.querySelector(".md-header [data-engd-interruptor=__drawer]");
      if (botao) botao.focus();
    });
  }

  // --- Atalhos de uma tecla do Material: desligados (WCAG 2.1.4) ------------------------------

  function editavel(elemento) {
    return elemento && (elemento.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(elemento.tagName));
  }

  // As teclas que o Material trata sozinhas, fora de campos de texto.
  var TECLAS_DO_MATERIAL = ["f", "s", "/", "n", "p", ",", "."];

  function desligarAtalhosDeUmaTecla() {
    window.addEventListener("keydown", function (evento) {
      if (evento.ctrlKey || evento.altKey || evento.metaKey || editavel(evento.target)) return;
      if (TECLAS_DO_MATERIAL.indexOf(evento.key.toLowerCase()) < 0) return;
      evento.stopImmediatePropagation();
    }, true);
  }

  // --- Tabelas largas: roláveis pelo teclado, com um aviso visível (issue 17) ----------------

  var DICA_DA_TABELA = "Role para o lado para ver todas as colunas.";

  // Um bloco de código com linhas mais largas que a tela rola sozinho: recebe o foco para que o
  // teclado o role (sem dica visível; a barra de rolagem do bloco já aparece).
  function prepararCodigoLargo() {
    var blocos = document.querySelectorAll(".md-typeset pre > code");
    for (var i = 0; i < blocos.length; i++) {
      var bloco = blocos[i];
      if (bloco.scrollWidth > bloco.clientWidth + 1) {
        bloco.setAttribute("tabindex", "0");
        bloco.setAttribute("role", "region");
        bloco.setAttribute("aria-label", "Código (role para os lados para ver as linhas inteiras)");
      } else if (bloco.getAttribute("role") === "region") {
        bloco.removeAttribute("tabindex");
        bloco.removeAttribute("role");
        bloco.removeAttribute("aria-label");
      }
    }
  }

  function prepararTabelasLargas() {
    var caixas = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < caixas.length; i++) {
      var caixa = caixas[i];
      var dica = caixa.previousElementSibling;
      dica = dica && dica.classList.contains("engd-rolavel-dica") ? dica : null;
      if (caixa.scrollWidth > caixa.clientWidth + 1) {
        caixa.setAttribute("tabindex", "0");
        caixa.setAttribute("role", "region");
        caixa.setAttribute("aria-label", "Tabela (role para os lados para ver todas as colunas)");
        caixa.classList.add("engd-rolavel");
        if (!dica) {
          // O leitor de tela já ouve o nome da região: a dica é só para os olhos.
          dica = document.createElement("p");
          dica.className = "engd-rolavel-dica";
          dica.setAttribute("aria-hidden", "true");
          dica.textContent = DICA_DA_TABELA;
          caixa.parentNode.insertBefore(dica, caixa);
        }
      } else if (caixa.getAttribute("role") === "region") {
        caixa.removeAttribute("tabindex");
        caixa.removeAttribute("role");
        caixa.removeAttribute("aria-label");
        caixa.classList.remove("engd-rolavel");
        if (dica) dica.remove();
      }
    }
    prepararCodigoLargo();
  }

  // --- Impressão: o destino de cada link ------------------------------------------------------

  function anotarDestinos() {
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var href = link.getAttribute("href");
      // Glossary links inside a text are help, not a source: printing their address would break
      // the official text in the middle of a sentence.
      if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink") ||
          link.classList.contains("engd-termo")) continue;
      if (link.textContent.trim() === link.href) continue;
      link.setAttribute("data-engd-destino", link.href);
    }
  }

  // --- O script do Material, no primeiro gesto do leitor ----------------------------------------

  var GESTOS = ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "scroll", "focusin"];

  function prepararMaterial() {
    var marcador = document.querySelector("script[data-engd-material]");
    if (!marcador) return;
    var pedido = false;
    function carregar() {
      if (pedido) return;
      pedido = true;
      GESTOS.forEach(function (gesto) { window.removeEventListener(gesto, carregar, true); });
      var script = document.createElement("script");
      script.src = marcador.getAttribute("data-src");
      script.onload = function () {
        // O Material monta tudo quando o documento fica pronto; esse aviso já passou.
        document.dispatchEvent(new Event("DOMContentLoaded"));
        if (window.document$ && typeof window.document$.subscribe === "function") {
          window.document$.subscribe(depoisDoMaterial);
        }
      };
      document.body.appendChild(script);
    }
    GESTOS.forEach(function (gesto) { window.addEventListener(gesto, carregar, { capture: true, passive: true }); });
  }

  prepararMaterial();
  desligarAtalhosDeUmaTecla();
  prepararContraste();
  prepararAtalhos();
  prepararBotoesDoCabecalho();
  prepararGaveta();
  // O Material monta as suas partes (como a caixa rolável das tabelas) depois de carregar o
  // documento e avisa por document$; sem ele, espera-se o evento load.
  function depoisDoMaterial() {
    desaninharTabelas();
    anotarDestinos();
    prepararTabelasLargas();
  }

  // As tabelas vêm da construção já na caixa rolável do Material (site/material_html.py); ao montar,
  // o Material cria outra caixa em volta de cada tabela, dentro da nossa. A de dentro sai e a nossa
  // fica: quem estava com o foco na caixa (o gesto que trouxe o Material) continua nela.
  function desaninharTabelas() {
    var internas = document.querySelectorAll("[data-engd-embrulho] .md-typeset__scrollwrap");
    for (var i = 0; i < internas.length; i++) {
      var tabela = internas[i].querySelector("table");
      if (tabela) internas[i].parentNode.replaceChild(tabela, internas[i]);
    }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(depoisDoMaterial);
  } else {
    window.addEventListener("load", depoisDoMaterial);
  }
  window.addEventListener("pageshow", function (evento) {
    if (!evento.persisted) return;
    ["__drawer", "__search"].forEach(function (id) {
      var interruptor = document.getElementById(id);
      if (interruptor && interruptor.checked) interruptor.click();
    });
  });
  var espera = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(espera);
    espera = window.setTimeout(prepararTabelasLargas, 200);
  });
})();
