/*
 * Motor da busca do site (código próprio, sem dependências). Módulo ES carregado por busca.js na
 * primeira vez que a pessoa chega ao campo de busca, junto com o índice busca/indice.json que a
 * construção grava (scripts/engd/search_index.py).
 *
 * criarMotor(indice, baixar) devolve { buscar(consulta), preparar(resultados) }: buscar devolve os
 * resultados em ordem, cada um com url (relativa à raiz do site), titulo, tipo, numero, contexto e
 * trecho() (o trecho a mostrar). Com o índice num arquivo só (formato 1), na hora; com o índice em
 * pedaços (formato 2, corpus grande), uma Promise, e baixar(caminho) traz cada pedaço do site.
 *
 * - Acentos e maiúsculas não contam: a consulta é "dobrada" como o texto indexado.
 * - Palavras vazias (de, da, para...) saem; as outras são reduzidas ao radical com as MESMAS regras
 *   que a construção usou (vêm no próprio índice, de scripts/engd/search_language.py), então
 *   "capacitar" acha "capacitação". Os testes conferem que Python e este arquivo concordam.
 * - Números primeiro: "3.7", "3-7", "recomendação 3.7", "recomendacao 3 7", "item 3.7" levam à
 *   recomendação 3.7; "objetivo 3" (ou só "3") ao objetivo 3 e às suas recomendações.
 * - Ordem: primeiro quem tem todos os termos da consulta; entre eles, quem TRATA do assunto, isto
 *   é, tem todos os termos no campo que o índice indica em "sobre" (as normas relacionadas: "lei do
 *   governo digital" acha antes as recomendações ligadas à Lei 14.129 do que a 1.5, que só diz "lei"); depois, pela soma dos pesos
 *   dos termos achados (termo raro vale mais; título vale mais que texto; normas relacionadas valem
 *   mais que o texto; itens antes do glossário e das páginas).
 * - Enquanto a pessoa digita (sem espaço no fim), a última palavra vale também como começo de
 *   palavra ("capac" acha "capacitação"), com meio peso.
 * - O trecho são ~24 palavras em volta do primeiro termo achado, em partes {texto, marca}: quem o
 *   mostra cria os nós de texto e os <mark>; nada do índice vira HTML.
 */

const MARCAS = /[\u0300-\u036f]/g;
const MILHAR = /(?<=[0-9])\.(?=[0-9]{3}(?![0-9]))/g;
const ITEM_TRACO = /(?<![0-9])([0-9]{1,2})-([0-9]{1,2})(?![0-9])/g;
const PALAVRA = /[a-z0-9]*[a-z][a-z0-9]*|[0-9]+(?:\.[0-9]+)*/g;

const NOME_ITEM = "(?:recomendacao|recomendacoes|rec|item|itens)";
const RECOMENDACAO = new RegExp("(?:\\b" + NOME_ITEM + "\\s*)?(?<![0-9.])([0-9]{1,2})[.]([0-9]{1,2})(?![0-9])", "g");
const RECOMENDACAO_ESPACO = new RegExp("\\b" + NOME_ITEM + "\\s+([0-9]{1,2})\\s+([0-9]{1,2})(?![0-9])", "g");
const OBJETIVO = /\b(?:objetivos?|obj)\s*([0-9]{1,2})(?![0-9])/g;
const SO_NUMERO = /^([0-9]{1,2})[.-]?$/;

const TRECHO_PALAVRAS = 24;
// Quantas vezes o documento diz o termo conta, mas cada vez menos (como no BM25).
const SATURACAO = 1.2;
const MEIO_PESO = 0.5;
const ANTES_DO_TERMO = 8;
const BORDA = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

/** Minúsculas sem acentos ("Segurança" → "seguranca"). */
export function dobrar(texto) {
  return texto.toLowerCase().normalize("NFD").replace(MARCAS, "");
}

/** As palavras de um texto dobrado; "3-7" vira "3.7" e "4.248" vira "4248". */
export function palavras(dobrado) {
  return dobrado.replace(MILHAR, "").replace(ITEM_TRACO, "$1.$2").match(PALAVRA) || [];
}

/** O redutor de palavras ao radical, com as regras da língua que vêm no índice. */
export function criarRadical(lingua) {
  const passos = {};
  lingua.passos.forEach(function (passo) { passos[passo.nome] = passo; });
  const memoria = new Map();

  function aplicar(passo, palavra) {
    if (!palavra.endsWith(passo.final)) return palavra;
    for (const [sufixo, minimo, troca, excecoes] of passo.regras) {
      if (palavra.endsWith(sufixo) && palavra.length - sufixo.length >= minimo && !excecoes.includes(palavra)) {
        return palavra.slice(0, palavra.length - sufixo.length) + troca;
      }
    }
    return palavra;
  }

  function reduzir(palavra) {
    if (palavra.length < 3 || /[0-9]/.test(palavra)) return palavra;
    for (const nome of ["plural", "advérbio", "feminino", "aumentativo"]) palavra = aplicar(passos[nome], palavra);
    let reduzida = aplicar(passos.nome, palavra);
    if (reduzida === palavra) {
      reduzida = aplicar(passos.verbo, palavra);
      if (reduzida === palavra) reduzida = aplicar(passos.vogal, palavra);
    }
    return reduzida;
  }

  return function radical(palavra) {
    let r = memoria.get(palavra);
    if (r === undefined) {
      r = reduzir(palavra);
      memoria.set(palavra, r);
    }
    return r;
  };
}

export function criarMotor(indice, baixar) {
  const radical = criarRadical(indice.lingua);
  const vazias = new Set(indice.lingua.vazias);
  const dividido = indice.formato === 2;
  const pesos = indice.campos.map(function (campo) { return campo.peso; });
  const pesoDoTipo = indice.tipos;
  // radical → Map(número do documento → peso do campo onde ele aparece × quantas vezes, saturado)
  const listas = new Map();
  // radical → Set(número do documento) dos que o têm no campo "sobre" (as normas relacionadas).
  const campoSobre = indice.campos.findIndex(function (campo) { return campo.nome === indice.sobre; });
  const noCampoSobre = new Map();
  // palavra dobrada → radical, de tudo o que os resultados mostram: serve ao começo de palavra.
  const vocabulario = new Map();

  function marcarSobre(r, d) {
    if (!noCampoSobre.has(r)) noCampoSobre.set(r, new Set());
    noCampoSobre.get(r).add(d);
  }

  // Formato 1: um arquivo só, com todos os documentos. Formato 2 (corpus grande, ver
  // scripts/engd/search_shards.py): só as chaves de cada documento; os radicais vêm em pedaços
  // (busca/termos/KK.json) e os textos em blocos (busca/registros/N.json), baixados quando uma
  // consulta precisa deles, por baixar(caminho) → Promise do JSON.
  const documentos = dividido ? indice.chaves.map(documentoDaChave) : indice.documentos;
  if (!dividido) {
    documentos.forEach(function (doc, d) {
      doc.radicais.forEach(function (texto, campo) {
        if (!texto) return;
        for (const item of texto.split(" ")) {
          const [r, vezes] = item.split(":");
          const n = +(vezes || 1);
          let lista = listas.get(r);
          if (!lista) listas.set(r, (lista = new Map()));
          lista.set(d, Math.max(lista.get(d) || 0, pesos[campo] * n * (1 + SATURACAO) / (n + SATURACAO)));
          if (campo === campoSobre) marcarSobre(r, d);
        }
      });
      for (const texto of doc.textos.concat(doc.titulo)) {
        for (const palavra of palavras(dobrar(texto))) {
          if (!vazias.has(palavra) && !vocabulario.has(palavra)) vocabulario.set(palavra, radical(palavra));
        }
      }
    });
  }

  function documentoDaChave(chave) {
    if (/^[0-9]+$/.test(chave)) return { tipo: "objetivo", numero: chave };
    if (/^[0-9]+[.][0-9]+$/.test(chave)) return { tipo: "recomendacao", numero: chave };
    return { tipo: { p: "pagina", t: "tema", g: "glossario" }[chave] || "pagina", numero: "" };
  }

  const fragmentos = new Set(dividido ? indice.fragmentos : []);
  const baixados = new Map();
  // Formato 2: radical → a sua lista ainda em texto ("doc,peso[,s] ..."), lida na primeira vez.
  const crus = new Map();

  function listaDe(r) {
    let lista = listas.get(r);
    if (lista === undefined && crus.has(r)) {
      lista = new Map();
      for (const item of crus.get(r).split(" ")) {
        const [d, peso, sobre] = item.split(",");
        lista.set(+d, +peso);
        if (sobre) marcarSobre(r, +d);
      }
      listas.set(r, lista);
      crus.delete(r);
    }
    return lista;
  }

  function chaveDe(texto) {
    return texto.slice(0, 2).replace(/[.]/g, "_");
  }

  function baixarFragmento(chave) {
    if (!fragmentos.has(chave)) return Promise.resolve();
    if (!baixados.has(chave)) {
      baixados.set(chave, baixar(indice.termos.replace("{chave}", chave)).then(function (fragmento) {
        // As listas ficam em texto até uma consulta pedir o radical (listaDe): ler todas custaria caro.
        for (const r of Object.keys(fragmento.r)) crus.set(r, fragmento.r[r]);
        for (const palavra of Object.keys(fragmento.p)) vocabulario.set(palavra, fragmento.p[palavra]);
      }));
    }
    return baixados.get(chave);
  }

  const blocos = new Map();

  function baixarBloco(n) {
    if (!blocos.has(n)) {
      blocos.set(n, baixar(indice.registros.replace("{bloco}", n)).then(function (registros) {
        registros.forEach(function (registro, i) { Object.assign(documentos[n * indice.bloco + i], registro); });
      }));
    }
    return blocos.get(n);
  }

  /** Formato 2: baixa os textos dos resultados dados (os que vão aparecer na tela). */
  function preparar(resultados) {
    if (!dividido) return Promise.resolve();
    const precisos = new Set(resultados.map(function (resultado) { return Math.floor(resultado.d / indice.bloco); }));
    return Promise.all(Array.from(precisos, baixarBloco));
  }

  function termosDe(texto) {
    const vistos = new Set();
    const termos = [];
    for (const palavra of palavras(texto)) {
      if (vazias.has(palavra)) continue;
      const r = radical(palavra);
      if (!vistos.has(r)) {
        vistos.add(r);
        termos.push({ palavra: palavra, radical: r });
      }
    }
    return termos;
  }

  // Números de item na consulta: os documentos citados e o que sobra da consulta.
  function referencias(dobrada) {
    const achados = [];
    function item(_, a, b) {
      achados.push({ tipo: "recomendacao", numero: +a + "." + +b });
      return " ";
    }
    let resto = dobrada.replace(MILHAR, "").replace(ITEM_TRACO, "$1.$2");
    resto = resto.replace(RECOMENDACAO, item).replace(RECOMENDACAO_ESPACO, item);
    resto = resto.replace(OBJETIVO, function (_, a) {
      achados.push({ tipo: "objetivo", numero: String(+a) });
      return " ";
    });
    const so = resto.trim().match(SO_NUMERO);
    if (!achados.length && so) {
      achados.push({ tipo: "objetivo", numero: String(+so[1]) });
      resto = "";
    }
    return { achados: achados, resto: resto };
  }

  function documentosCitados(achados, sozinhos) {
    const lista = [];
    for (const achado of achados) {
      documentos.forEach(function (doc, d) {
        if (doc.tipo === achado.tipo && doc.numero === achado.numero) lista.push(d);
      });
      // "objetivo 4" sozinho: o objetivo e, logo depois, as suas recomendações.
      if (achado.tipo === "objetivo" && sozinhos) {
        documentos.forEach(function (doc, d) {
          if (doc.tipo === "recomendacao" && doc.numero.split(".")[0] === achado.numero) lista.push(d);
        });
      }
    }
    return lista;
  }

  // A palavra inteira vale 1; as outras palavras que começam com ela valem MEIO_PESO.
  function listaDoTermo(termo, comoComeco) {
    const exata = listaDe(termo.radical);
    if (!comoComeco) return exata;
    const radicais = new Set();
    for (const [palavra, r] of vocabulario) {
      if (palavra.startsWith(termo.palavra) && r !== termo.radical) radicais.add(r);
    }
    if (!radicais.size) return exata;
    termo.comeco = radicais;
    const juntas = new Map();
    for (const r of radicais) {
      for (const [d, peso] of listaDe(r) || []) juntas.set(d, Math.max(juntas.get(d) || 0, peso * MEIO_PESO));
    }
    for (const [d, peso] of exata || []) juntas.set(d, Math.max(juntas.get(d) || 0, peso));
    return juntas;
  }

  function buscarTermos(termos, digitando) {
    const total = documentos.length;
    const placar = new Map();
    termos.forEach(function (termo, k) {
      const comoComeco = digitando && k === termos.length - 1 && termo.palavra.length >= 3;
      const lista = listaDoTermo(termo, comoComeco);
      if (!lista || !lista.size) return;
      const raridade = Math.log(1 + total / lista.size);
      const sobre = noCampoSobre.get(termo.radical);
      for (const [d, peso] of lista) {
        const conta = placar.get(d) || { pontos: 0, achados: 0, sobre: 0 };
        conta.pontos += raridade * peso;
        conta.achados += 1;
        if (sobre && sobre.has(d)) conta.sobre += 1;
        placar.set(d, conta);
      }
    });
    const ordem = Array.from(placar.entries()).map(function ([d, conta]) {
      return {
        d: d, todos: conta.achados === termos.length, sobre: conta.sobre === termos.length,
        pontos: conta.pontos * (pesoDoTipo[documentos[d].tipo] || 1)
      };
    });
    ordem.sort(function (a, b) {
      return (b.todos - a.todos) || (b.sobre - a.sobre) || (b.pontos - a.pontos) || (a.d - b.d);
    });
    return ordem.map(function (o) { return o.d; });
  }

  function casa(palavra, termos) {
    const r = radical(palavra);
    return termos.some(function (t) {
      return t.radical === r || (t.comeco !== undefined && t.comeco.has(r) && palavra.startsWith(t.palavra));
    });
  }

  function trecho(doc, termos) {
    let melhor = { pedacos: (doc.textos[0] || "").split(/\s+/).filter(Boolean), achados: [], quantos: 0 };
    for (const texto of doc.textos) {
      const pedacos = texto.split(/\s+/).filter(Boolean);
      const achados = [];
      const termosAchados = new Set();
      pedacos.forEach(function (pedaco, i) {
        const suas = palavras(dobrar(pedaco)).filter(function (p) { return !vazias.has(p) && casa(p, termos); });
        if (suas.length) {
          achados.push(i);
          suas.forEach(function (p) { termosAchados.add(radical(p)); });
        }
      });
      if (termosAchados.size > melhor.quantos) melhor = { pedacos: pedacos, achados: achados, quantos: termosAchados.size };
    }
    const n = melhor.pedacos.length;
    let inicio = melhor.achados.length ? Math.max(0, melhor.achados[0] - ANTES_DO_TERMO) : 0;
    if (inicio + TRECHO_PALAVRAS > n) inicio = Math.max(0, n - TRECHO_PALAVRAS);
    const fim = Math.min(n, inicio + TRECHO_PALAVRAS);
    const marcados = new Set(melhor.achados);
    const partes = [];
    function juntar(texto, marca) {
      if (!texto) return;
      const ultima = partes[partes.length - 1];
      if (ultima && ultima.marca === marca) ultima.texto += texto;
      else partes.push({ texto: texto, marca: marca });
    }
    for (let i = inicio; i < fim; i++) {
      const espaco = i > inicio ? " " : "";
      if (marcados.has(i)) {
        const [, antes, meio, depois] = melhor.pedacos[i].match(BORDA);
        juntar(espaco + antes, false);
        juntar(meio, true);
        juntar(depois, false);
      } else {
        juntar(espaco + melhor.pedacos[i], false);
      }
    }
    return { antes: inicio > 0, depois: fim < n, partes: partes };
  }

  // No formato 2 o texto de um documento chega depois (preparar): os campos são lidos na hora.
  function resultado(d, termos) {
    const doc = documentos[d];
    return {
      d: d,
      get url() { return doc.url; }, get titulo() { return doc.titulo; }, tipo: doc.tipo, numero: doc.numero,
      get contexto() { return doc.contexto; },
      trecho: function () { return trecho(doc, termos); }
    };
  }

  /** Os resultados da consulta, em ordem (lista vazia se nada for achado). */
  function buscarAgora(consulta) {
    const dobrada = dobrar(consulta);
    const digitando = /[\p{L}\p{N}]$/u.test(consulta);
    const { achados, resto } = referencias(dobrada);
    const termos = termosDe(resto);
    const primeiros = documentosCitados(achados, termos.length === 0);
    const vistos = new Set(primeiros);
    const seguintes = termos.length ? buscarTermos(termos, digitando).filter(function (d) { return !vistos.has(d); }) : [];
    return primeiros.concat(seguintes).map(function (d) { return resultado(d, termos); });
  }

  // Formato 2: baixa antes os pedaços dos radicais da consulta (e, para a palavra que está sendo
  // digitada, os das palavras que começam com ela), depois os textos dos primeiros resultados.
  async function buscarDividido(consulta, quantos) {
    const termos = termosDe(referencias(dobrar(consulta)).resto);
    const digitando = /[\p{L}\p{N}]$/u.test(consulta);
    const ultimo = termos[termos.length - 1];
    const prefixo = digitando && ultimo && ultimo.palavra.length >= 3;
    const chaves = termos.map(function (termo) { return chaveDe(termo.radical); });
    if (prefixo) chaves.push(chaveDe(ultimo.palavra));
    await Promise.all(chaves.map(baixarFragmento));
    if (prefixo) {
      const outros = new Set();
      for (const [palavra, r] of vocabulario) if (palavra.startsWith(ultimo.palavra)) outros.add(chaveDe(r));
      await Promise.all(Array.from(outros, baixarFragmento));
    }
    const resultados = buscarAgora(consulta);
    await preparar(resultados.slice(0, quantos || 5));
    return resultados;
  }

  /** Formato 1: os resultados na hora. Formato 2: uma Promise dos resultados, os primeiros
   * `quantos` (5) já com o seu texto; os seguintes, depois de preparar(resultados). */
  function buscar(consulta, quantos) {
    return dividido ? buscarDividido(consulta, quantos) : buscarAgora(consulta);
  }

  return { buscar: buscar, preparar: preparar, radical: radical, dividido: dividido };
}
