/*
 * Busca do site: liga a caixa de busca do cabeçalho (partials/search.html) ao índice Pagefind
 * que a construção grava em pagefind/ (scripts/engd/search_index.py).
 *
 * - Nada sai do site: o motor (pagefind.js e o núcleo WebAssembly) e o índice vêm da mesma origem,
 *   e só são baixados quando a pessoa chega ao campo de busca.
 * - Cada resultado mostra o número do item, o seu objetivo e um trecho com as palavras achadas.
 * - Teclado: seta para baixo vai do campo aos resultados, setas percorrem a lista, Enter no campo
 *   abre o primeiro resultado, Esc fecha e volta ao campo. O estado é anunciado (role="status").
 * - Quando os resultados de uma consulta estão na tela, a lista ganha data-consulta com o texto
 *   buscado: os testes e o benchmark esperam por isso, nunca por um tempo fixo.
 */
(function () {
  "use strict";

  var caixa = document.querySelector("[data-engd-busca]");
  if (!caixa) return;

  var campo = caixa.querySelector("#busca");
  var formulario = caixa.querySelector("[data-engd-busca-formulario]");
  var estado = caixa.querySelector("#busca-estado");
  var ajuda = caixa.querySelector("#busca-ajuda");
  var lista = caixa.querySelector("#busca-resultados");
  var mais = caixa.querySelector("[data-engd-busca-mais]");
  var saida = caixa.querySelector(".md-search__output");
  var interruptor = document.getElementById("__search");

  // A raiz do site é a pasta acima de javascripts/busca.js: vale em qualquer subcaminho.
  var raiz = new URL("../", document.currentScript.src);
  var MINIMO = 2;
  // Cada resultado mostrado custa um fragmento (~0,3 KB); os próximos vêm com "Mostrar mais".
  var POR_VEZ = 5;
  var TRECHO_PALAVRAS = 24;

  var carregando = null;
  var ultima = 0;
  var atual = { consulta: "", resultados: [] };
  // Esc fecha o painel e devolve o foco ao campo; esse foco não deve reabri-lo.
  var fechadoPorEsc = false;

  function carregarMotor() {
    if (!carregando) {
      anunciar("Carregando a busca…");
      carregando = import(new URL("pagefind/pagefind.js", raiz).href)
        .then(function (modulo) {
          return modulo.options({
            baseUrl: raiz.pathname,
            excerptLength: TRECHO_PALAVRAS,
            // Sem o worker do Pagefind: o índice é pequeno e são 12 KB a menos na primeira busca.
            noWorker: true,
            // O texto do objetivo de cada recomendação vai nos metadados só para ser mostrado;
            // peso zero para que não empurre as recomendações de um objetivo à frente dele.
            ranking: { metaWeights: { objetivo: 0 } }
          }).then(function () { return modulo.init(); }).then(function () { return modulo; });
        })
        .then(function (modulo) {
          if (!campo.value.trim()) anunciar("");
          return modulo;
        }, function () {
          anunciar("A busca não está disponível nesta cópia do site: falta o índice (construa com engd build).");
          return null;
        });
    }
    return carregando;
  }

  function anunciar(texto) {
    if (estado.textContent !== texto) estado.textContent = texto;
  }

  // Fechado, o painel some da tela mas continua na página: inert tira os resultados do Tab.
  function sincronizar() {
    saida.inert = !(interruptor && interruptor.checked);
  }

  function abrir() {
    if (interruptor && !interruptor.checked) {
      interruptor.checked = true;
      interruptor.dispatchEvent(new Event("change"));
    }
  }

  function fechar() {
    if (interruptor && interruptor.checked) {
      interruptor.checked = false;
      interruptor.dispatchEvent(new Event("change"));
    }
  }

  // --- Resultados -----------------------------------------------------------------------------

  // O trecho vem do Pagefind com <mark> nas palavras achadas; só texto e <mark> entram na página.
  // Reticências onde o trecho corta uma frase (começa em minúscula ou não termina em pontuação).
  function trecho(html) {
    var fragmento = document.createDocumentFragment();
    var corpo = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    var texto = corpo.textContent.trim();
    if (/^\p{Ll}/u.test(texto)) fragmento.appendChild(document.createTextNode("… "));
    corpo.firstChild.childNodes.forEach(function (no) {
      if (no.nodeName === "MARK") {
        var marca = document.createElement("mark");
        marca.textContent = no.textContent;
        fragmento.appendChild(marca);
      } else {
        fragmento.appendChild(document.createTextNode(no.textContent));
      }
    });
    if (texto && !/[.!?;:]$/.test(texto)) fragmento.appendChild(document.createTextNode("…"));
    return fragmento;
  }

  function descrever(dados) {
    var caminho = new URL(dados.url, location.href).pathname.slice(raiz.pathname.length - 1);
    var recomendacao = caminho.match(/^\/recomendacoes\/(\d+)-(\d+)\/$/);
    var objetivo = caminho.match(/^\/objetivos\/(\d+)\/$/);
    var titulo = (dados.meta && dados.meta.title) || caminho;
    if (recomendacao) {
      return { titulo: titulo, contexto: "Objetivo " + recomendacao[1] + ": " + (dados.meta.objetivo || ""),
        tipo: "recomendacao", numero: recomendacao[1] + "." + recomendacao[2] };
    }
    if (objetivo) return { titulo: titulo, contexto: "", tipo: "objetivo", numero: objetivo[1] };
    return { titulo: titulo, contexto: "", tipo: "pagina", numero: "" };
  }

  // O link é só o título ("Recomendação 3.7"): o nome acessível é o texto visível (WCAG 2.5.3);
  // o objetivo e o trecho o descrevem (aria-describedby). O cartão todo é clicável pelo CSS.
  function itemDaLista(dados, indice) {
    var sobre = descrever(dados);
    var id = "busca-resultado-" + indice;
    var item = document.createElement("li");
    item.className = "md-search-result__item engd-busca__item";
    var artigo = document.createElement("article");
    artigo.className = "md-search-result__article md-typeset";
    var titulo = document.createElement("p");
    titulo.className = "engd-busca__titulo";
    var link = document.createElement("a");
    link.className = "engd-busca__link";
    link.href = dados.url;
    link.textContent = sobre.titulo;
    link.setAttribute("data-tipo", sobre.tipo);
    if (sobre.numero) link.setAttribute("data-numero", sobre.numero);
    link.setAttribute("aria-describedby", (sobre.contexto ? id + "-contexto " : "") + id + "-trecho");
    titulo.appendChild(link);
    artigo.appendChild(titulo);
    if (sobre.contexto) {
      var contexto = document.createElement("p");
      contexto.className = "engd-busca__contexto";
      contexto.id = id + "-contexto";
      contexto.textContent = sobre.contexto;
      artigo.appendChild(contexto);
    }
    var texto = document.createElement("p");
    texto.className = "engd-busca__trecho";
    texto.id = id + "-trecho";
    texto.appendChild(trecho(dados.excerpt || ""));
    artigo.appendChild(texto);
    item.appendChild(artigo);
    return item;
  }

  function anunciarTotal() {
    var total = atual.resultados.length;
    var mostrados = lista.children.length;
    var consulta = "“" + atual.consulta + "”";
    if (total === 0) {
      anunciar("Nenhum resultado para " + consulta + ". Tente outra palavra, uma sigla ou o número do item.");
    } else if (total > mostrados) {
      anunciar(total + " resultados para " + consulta + "; mostrando os " + mostrados + " primeiros.");
    } else {
      anunciar(total === 1 ? "1 resultado para " + consulta + "." : total + " resultados para " + consulta + ".");
    }
    mais.hidden = total <= mostrados;
  }

  function mostrar(consulta, resultados, dados) {
    atual = { consulta: consulta, resultados: resultados };
    lista.replaceChildren.apply(lista, dados.map(itemDaLista));
    ajuda.hidden = resultados.length > 0;
    anunciarTotal();
    lista.setAttribute("data-consulta", consulta);
  }

  // "Mostrar mais": baixa os trechos dos próximos resultados só quando a pessoa pede.
  function mostrarMais() {
    var vez = ultima;
    var inicio = lista.children.length;
    var proximos = atual.resultados.slice(inicio, inicio + POR_VEZ);
    return Promise.all(proximos.map(function (r) { return r.data(); })).then(function (dados) {
      if (vez !== ultima) return;
      dados.forEach(function (d, i) { lista.appendChild(itemDaLista(d, inicio + i)); });
      anunciarTotal();
      var primeiroNovo = lista.children[inicio];
      if (primeiroNovo) primeiroNovo.querySelector("a").focus();
    });
  }

  function limpar() {
    atual = { consulta: "", resultados: [] };
    lista.replaceChildren();
    lista.removeAttribute("data-consulta");
    mais.hidden = true;
    ajuda.hidden = false;
    anunciar("");
  }

  function buscar() {
    var consulta = campo.value.trim();
    var vez = ++ultima;
    if (!consulta) {
      limpar();
      return;
    }
    // Uma letra só acha quase tudo e baixaria trechos de resultados que ninguém vai ler.
    if (consulta.length < MINIMO) {
      limpar();
      abrir();
      anunciar("Continue digitando: a busca começa com " + MINIMO + " letras ou algarismos.");
      return;
    }
    abrir();
    carregarMotor().then(function (modulo) {
      if (!modulo || vez !== ultima) return null;
      return modulo.search(consulta).then(function (resposta) {
        if (vez !== ultima) return null;
        var primeiros = resposta.results.slice(0, POR_VEZ);
        return Promise.all(primeiros.map(function (r) { return r.data(); })).then(function (dados) {
          if (vez === ultima) mostrar(consulta, resposta.results, dados);
        });
      });
    });
  }

  // --- Teclado e foco --------------------------------------------------------------------------

  function links() {
    return Array.prototype.slice.call(lista.querySelectorAll("a"));
  }

  campo.addEventListener("focus", function () {
    carregarMotor();
    if (campo.value.trim() && !fechadoPorEsc) abrir();
    fechadoPorEsc = false;
  });
  campo.addEventListener("input", function () {
    fechadoPorEsc = false;
    buscar();
  });

  mais.addEventListener("click", mostrarMais);

  formulario.addEventListener("submit", function (evento) {
    evento.preventDefault();
    var primeiro = links()[0];
    if (primeiro) primeiro.click();
  });
  formulario.addEventListener("reset", function () {
    window.setTimeout(function () { buscar(); campo.focus(); }, 0);
  });

  caixa.addEventListener("keydown", function (evento) {
    var todos = links();
    var atual = todos.indexOf(document.activeElement);
    if (evento.key === "Escape") {
      evento.preventDefault();
      fechar();
      if (document.activeElement !== campo) {
        fechadoPorEsc = true;
        campo.focus({ preventScroll: true });
      }
      return;
    }
    if (evento.key === "ArrowDown" && todos.length) {
      evento.preventDefault();
      abrir();
      todos[Math.min(atual + 1, todos.length - 1)].focus();
    } else if (evento.key === "ArrowUp" && atual >= 0) {
      evento.preventDefault();
      if (atual === 0) campo.focus();
      else todos[atual - 1].focus();
    }
  });

  // O painel aberto cobre a página: fecha quando o foco sai da caixa de busca (Tab para fora).
  caixa.addEventListener("focusout", function (evento) {
    if (evento.relatedTarget && !caixa.contains(evento.relatedTarget)) fechar();
  });

  // Em telas estreitas a lupa do cabeçalho liga o interruptor: o foco vai para o campo.
  sincronizar();
  if (interruptor) {
    interruptor.addEventListener("change", function () {
      sincronizar();
      if (interruptor.checked && document.activeElement !== campo) {
        window.setTimeout(function () { campo.focus({ preventScroll: true }); }, 50);
      }
    });
  }
})();
