/* Acompanhamento: filtra as contagens por UF e por tipo de ente.
 * Lê /acompanhamento/contagens.json (do próprio site, declarado por scripts/engd/outputs/progress.py):
 * contagens por UF e tipo; soma os grupos escolhidos e reescreve os números das tabelas e das barras.
 * Sem JavaScript, a página mostra a tabela nacional completa. Nada é pedido a outro site. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("ac-filtro");
  if (!script || !form) return;
  var uf = document.getElementById("ac-uf");
  var tipo = document.getElementById("ac-tipo");
  var estado = document.getElementById("ac-estado");
  var tipos = { "estado": "estado", "distrito-federal": "Distrito Federal", "municipio": "município" };

  function parte(n, total) {
    return total ? (Math.round(1000 * n / total) / 10).toFixed(1).replace(".", ",") + " %" : "—";
  }

  function aplicar(dados) {
    var escolhidos = dados.grupos.filter(function (g) {
      return (!uf.value || g.uf === uf.value) && (!tipo.value || g.tipo === tipo.value);
    });
    var entes = 0, soma = dados.recomendacoes.map(function () { return dados.situacoes.map(function () { return 0; }); });
    escolhidos.forEach(function (g) {
      entes += g.entes;
      g.contagens.forEach(function (linha, r) { linha.forEach(function (n, s) { soma[r][s] += n; }); });
    });
    dados.recomendacoes.forEach(function (rec, r) {
      dados.situacoes.forEach(function (sit, s) {
        var celula = document.querySelector('span[data-recomendacao="' + rec + '"][data-situacao="' + sit + '"]');
        if (celula) celula.textContent = soma[r][s] + " (" + parte(soma[r][s], entes) + ")";
      });
    });
    dados.objetivos.forEach(function (posicoes, o) {
      var numero = String(o + 1), total = entes * posicoes.length;
      dados.situacoes.forEach(function (sit, s) {
        var n = 0;
        posicoes.forEach(function (p) { n += soma[p][s]; });
        var celula = document.querySelector('span[data-objetivo="' + numero + '"][data-situacao="' + sit + '"]');
        if (celula) celula.textContent = n + " (" + parte(n, total) + ")";
        var linha = document.querySelector('.ac-barra-linha[data-objetivo="' + numero + '"]');
        if (!linha) return;
        var texto = linha.querySelector('[data-situacao="' + sit + '"]');
        if (texto) texto.textContent = parte(n, total);
        var barra = linha.querySelector(".ac-barra .ac-s-" + sit);
        if (barra) barra.style.width = (total ? 100 * n / total : 0) + "%";
      });
    });
    var onde = (tipo.value ? " do tipo " + tipos[tipo.value] : "") + (uf.value ? " da UF " + uf.value : "");
    estado.textContent = entes ? "A tabela mostra agora os números de " + entes + (entes === 1 ? " ente" : " entes") + onde + "."
      : "Nenhum ente" + onde + " fez a sua avaliação até agora. Escolha outra UF ou outro tipo.";
  }

  fetch(script.getAttribute("data-contagens"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (dados) {
      form.hidden = false;
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      uf.addEventListener("change", function () { aplicar(dados); });
      tipo.addEventListener("change", function () { aplicar(dados); });
    })
    .catch(function () { /* sem as contagens, fica a tabela nacional */ });
})();
