/*
 * Página não encontrada (overrides/404.html): "você quis dizer" e a caixa de busca.
 * - Lê javascripts/nao-encontrada.json (itens e seções com seus endereços, gravado pela construção) da raiz do
 *   site, que é a pasta acima deste script: vale num domínio ou num subcaminho.
 * - Do endereço pedido tira um número de item (3, 3.7, 3-7, 3_7) e palavras de seção (objetivo,
 *   glossary, dados-abertos) e propõe até três endereços certos.
 * - A caixa de busca da página leva a consulta à busca do cabeçalho, que abre e mostra os resultados.
 */
(function () {
  "use strict";

  var raiz = new URL("../", document.currentScript.src);
  var caixa = document.querySelector("[data-engd-quis-dizer]");
  var lista = document.querySelector("[data-engd-quis-dizer-lista]");
  var formulario = document.querySelector("[data-engd-busca-404]");

  function semAcento(texto) {
    return texto.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // O pedaço do endereço depois da raiz do site, sem "index.html" nem ".html".
  function pedido() {
    var caminho = decodeURIComponent(location.pathname);
    var base = decodeURIComponent(raiz.pathname);
    if (caminho.indexOf(base) === 0) caminho = caminho.slice(base.length);
    return semAcento(caminho.replace(/(index)?\.html?$/, ""));
  }

  function sugestoes(dados, caminho) {
    var achados = [];
    var numero = caminho.match(/(\d{1,2})(?:\s*[.\-_,]\s*(\d{1,2}))?/);
    if (numero) {
      var id = numero[2] ? numero[1] + "." + numero[2] : numero[1];
      var item = dados.itens.filter(function (i) { return i.numero === id; })[0];
      if (!item && numero[2]) item = dados.itens.filter(function (i) { return i.numero === numero[1]; })[0];
      if (item) achados.push(item);
    }
    var palavras = caminho.split(/[^a-z]+/).filter(function (p) { return p.length >= 3; });
    dados.secoes.forEach(function (secao) {
      var nome = semAcento(secao.endereco).replace(/\/$/, "");
      var bate = palavras.some(function (p) {
        return nome.indexOf(p.slice(0, 4)) === 0 || p.indexOf(nome.slice(0, 4)) === 0;
      });
      if (bate && !(numero && achados.length && (nome === "objetivos" || nome === "recomendacoes"))) {
        achados.push(secao);
      }
    });
    return achados.slice(0, 3);
  }

  function mostrar(achados) {
    achados.forEach(function (achado) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(achado.endereco, raiz).href;
      link.textContent = achado.titulo;
      item.appendChild(link);
      lista.appendChild(item);
    });
    caixa.hidden = achados.length === 0;
    document.documentElement.setAttribute("data-engd-quis-dizer-pronto", String(achados.length));
  }

  if (caixa && lista) {
    fetch(new URL("javascripts/nao-encontrada.json", raiz).href)
      .then(function (resposta) { return resposta.ok ? resposta.json() : { itens: [], secoes: [] }; })
      .then(function (dados) { mostrar(sugestoes(dados, pedido())); })
      .catch(function () { mostrar([]); });
  }

  if (formulario) {
    formulario.addEventListener("submit", function (evento) {
      evento.preventDefault();
      var consulta = formulario.querySelector("input").value;
      var campo = document.getElementById("busca");
      var interruptor = document.getElementById("__search");
      if (!campo) return;
      // Em telas estreitas a busca fica fechada: o clique no interruptor do Material a abre.
      if (interruptor && !interruptor.checked && campo.getBoundingClientRect().width === 0) interruptor.click();
      campo.value = consulta;
      campo.dispatchEvent(new Event("input", { bubbles: true }));
      // A busca abre com uma transição; enquanto invisível, o foco não pega.
      (function focar(tentativas) {
        campo.focus();
        if (document.activeElement !== campo && tentativas > 0) {
          window.setTimeout(function () { focar(tentativas - 1); }, 50);
        }
      })(20);
    });
  }
})();
