/*
 * Busca do site: liga a caixa de busca do cabeçalho (partials/search.html) ao motor próprio
 * (javascripts/busca-motor.js) e ao índice busca/indice.json que a construção grava
 * (scripts/engd/search_index.py).
 *
 * - Nada sai do site: o motor e o índice vêm da mesma origem, e só são baixados quando a pessoa
 *   chega ao campo de busca. Depois disso, cada consulta roda no navegador, sem rede; num corpus
 *   grande o índice vem em pedaços, e cada consulta baixa só os pedaços de que precisa.
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
  // Cinco resultados por vez: a lista fica curta de ler e de ouvir; os próximos vêm com "Mostrar mais".
  var POR_VEZ = 5;
  var INDISPONIVEL = "A busca não está disponível nesta cópia do site: falta o índice (construa com engd build).";

  var carregando = null;
  var motorPronto = null;
  // Com autoavaliações publicadas, o índice aponta um segundo arquivo, com os nomes dos entes: ele só é
  // baixado na primeira consulta de 4 letras ou mais, e os entes vêm depois dos itens.
  var enderecoEntes = null;
  var MINIMO_ENTES = 4;
  var indicePrincipal = null;
  var carregandoEntes = null;
  var atual = { consulta: "", resultados: [] };
  // Esc fecha o painel e devolve o foco ao campo; esse foco não deve reabri-lo.
  var fechadoPorEsc = false;

  function carregarMotor() {
    if (!carregando) {
      anunciar("Carregando a busca…");
      var indice = fetch(new URL("busca/indice.json", raiz).href).then(function (resposta) {
        if (!resposta.ok) throw new Error("índice " + resposta.status);
        return resposta.json();
      });
      carregando = Promise.all([import(new URL("javascripts/busca-motor.js", raiz).href), indice])
        .then(function (partes) {
          // Num corpus grande o índice vem em pedaços, que o motor pede quando precisa deles.
          var motor = partes[0].criarMotor(partes[1], function (caminho) {
            return fetch(new URL(caminho, raiz).href).then(function (resposta) {
              if (!resposta.ok) throw new Error("índice " + resposta.status);
              return resposta.json();
            });
          });
          enderecoEntes = partes[1].entes || null;
          indicePrincipal = partes[1];
          if (!campo.value.trim()) anunciar("");
          motorPronto = motor;
          return motor;
        }, function () {
          anunciar(INDISPONIVEL);
          return null;
        });
    }
    return carregando;
  }

  // Os entes entram no mesmo motor (mesmas regras de ordem; o tipo "ente" pesa menos que todos).
  function carregarEntes() {
    if (!carregandoEntes) {
      carregandoEntes = Promise.all([carregando, import(new URL("javascripts/busca-motor.js", raiz).href),
        fetch(new URL(enderecoEntes, raiz).href).then(function (resposta) {
          if (!resposta.ok) throw new Error("entes " + resposta.status);
          return resposta.json();
        })])
        .then(function (partes) {
          // Só com o índice num arquivo (um corpus grande vem em pedaços e não junta os entes).
          if (!indicePrincipal.documentos) return null;
          var juntos = Object.assign({}, indicePrincipal, { documentos: indicePrincipal.documentos.concat(partes[2].documentos) });
          var motor = partes[1].criarMotor(juntos);
          carregando = Promise.resolve(motor);
          motorPronto = motor;
          return motor;
        }, function () { return null; });
    }
    return carregandoEntes;
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

  // O trecho vem do motor em partes {texto, marca}: só nós de texto e <mark> entram na página.
  // Reticências onde o trecho corta o texto.
  function trecho(dados) {
    var fragmento = document.createDocumentFragment();
    if (dados.antes) fragmento.appendChild(document.createTextNode("… "));
    dados.partes.forEach(function (parte) {
      if (parte.marca) {
        var marca = document.createElement("mark");
        marca.textContent = parte.texto;
        fragmento.appendChild(marca);
      } else {
        fragmento.appendChild(document.createTextNode(parte.texto));
      }
    });
    if (dados.depois) fragmento.appendChild(document.createTextNode(" …"));
    return fragmento;
  }

  // O link é só o título ("Recomendação 3.7"): o nome acessível é o texto visível (WCAG 2.5.3);
  // o objetivo e o trecho o descrevem (aria-describedby). O cartão todo é clicável pelo CSS.
  function itemDaLista(resultado, indice) {
    var id = "busca-resultado-" + indice;
    var item = document.createElement("li");
    item.className = "md-search-result__item engd-busca__item";
    var artigo = document.createElement("article");
    artigo.className = "md-search-result__article md-typeset";
    var titulo = document.createElement("p");
    titulo.className = "engd-busca__titulo";
    var link = document.createElement("a");
    link.className = "engd-busca__link";
    link.href = raiz.pathname + resultado.url;
    link.textContent = resultado.titulo;
    link.setAttribute("data-tipo", resultado.tipo);
    if (resultado.numero) link.setAttribute("data-numero", resultado.numero);
    link.setAttribute("aria-describedby", (resultado.contexto ? id + "-contexto " : "") + id + "-trecho");
    titulo.appendChild(link);
    artigo.appendChild(titulo);
    if (resultado.contexto) {
      var contexto = document.createElement("p");
      contexto.className = "engd-busca__contexto";
      contexto.id = id + "-contexto";
      contexto.textContent = resultado.contexto;
      artigo.appendChild(contexto);
    }
    var texto = document.createElement("p");
    texto.className = "engd-busca__trecho";
    texto.id = id + "-trecho";
    texto.appendChild(trecho(resultado.trecho()));
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

  function mostrar(consulta, resultados) {
    atual = { consulta: consulta, resultados: resultados };
    lista.replaceChildren.apply(lista, resultados.slice(0, POR_VEZ).map(itemDaLista));
    ajuda.hidden = resultados.length > 0;
    anunciarTotal();
    lista.setAttribute("data-consulta", consulta);
  }

  function mostrarMais() {
    var inicio = lista.children.length;
    var proximos = atual.resultados.slice(inicio, inicio + POR_VEZ);
    function acrescentar() {
      if (lista.children.length !== inicio) return;
      proximos.forEach(function (resultado, i) {
        lista.appendChild(itemDaLista(resultado, inicio + i));
      });
      anunciarTotal();
      var primeiroNovo = lista.children[inicio];
      if (primeiroNovo) primeiroNovo.querySelector("a").focus();
    }
    // Com o índice em pedaços, os textos dos próximos resultados vêm antes de aparecer.
    if (motorPronto && motorPronto.dividido) motorPronto.preparar(proximos).then(acrescentar);
    else acrescentar();
  }

  function limpar() {
    atual = { consulta: "", resultados: [] };
    lista.replaceChildren();
    lista.removeAttribute("data-consulta");
    mais.hidden = true;
    ajuda.hidden = false;
    anunciar("");
  }

  // A consulta vai ao motor como foi digitada: um espaço no fim diz que a última palavra acabou.
  function buscar() {
    var texto = campo.value;
    var consulta = texto.trim();
    if (!consulta) {
      limpar();
      return;
    }
    // Uma letra só acharia quase tudo.
    if (consulta.length < MINIMO) {
      limpar();
      abrir();
      anunciar("Continue digitando: a busca começa com " + MINIMO + " letras ou algarismos.");
      return;
    }
    abrir();
    carregarMotor().then(function (motor) {
      // Se a pessoa digitou mais enquanto o motor carregava, só a consulta mais nova é mostrada.
      if (campo.value !== texto) return;
      if (!motor) {
        anunciar(INDISPONIVEL);
        return;
      }
      var resultados = motor.buscar(texto, POR_VEZ);
      if (!Array.isArray(resultados)) {
        resultados.then(function (achados) {
          if (campo.value === texto) mostrar(consulta, achados);
        }, function () {
          anunciar(INDISPONIVEL);
        });
        return;
      }
      mostrar(consulta, resultados);
      // Quem digita enquanto os nomes chegam também recebe os entes: toda consulta longa espera pelo
      // mesmo carregamento, e só a que ainda está no campo é mostrada de novo.
      if (!enderecoEntes || consulta.length < MINIMO_ENTES) return;
      carregarEntes().then(function (juntos) {
        if (juntos && juntos !== motor && campo.value === texto) mostrar(consulta, juntos.buscar(texto, POR_VEZ));
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
