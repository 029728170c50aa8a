/* Autoavaliação (issue 14): the page /autoavaliacao/ keeps the answers in this browser only.
 *
 * - Saves to localStorage (one versioned key, no cookie) on every input; nothing is sent anywhere.
 * - Exports JSON and CSV with a Blob and an object URL (no request).
 * - Imports a file after checking it with the published JSON Schema (dados/autoavaliacao.schema.json)
 *   and Ajv (npm ajv-dist, served from this site); both are fetched from the site itself, only on import.
 *   The rules a schema cannot say, the CSV and JSON readers and every message mirror
 *   scripts/engd/self_assessment.py; the messages and lists come from that module (#aa-config).
 */
(function () {
  "use strict";
  var configElement = document.getElementById("aa-config");
  if (!configElement) return;
  var C = JSON.parse(configElement.textContent);
  var M = C.mensagens;
  var here = document.currentScript ? document.currentScript.src : location.href;
  var SCHEMA_URL = new URL("../dados/" + C.esquema, here).href;
  var VALIDATOR_URL = new URL("vendor/ajv2020.min.js", here).href;
  var HEADER = C.colunasCabecalho, ANSWER = C.colunasResposta, COLUMNS = HEADER.concat(ANSWER);
  var DATE_RE = new RegExp(C.padroes.data, "u"), IBGE_RE = new RegExp(C.padroes.ibge, "u"), HTML_RE = new RegExp(C.padroes.html, "u");
  var LINK_RE = new RegExp(C.padroes.link, "u");

  function message(key, values) {
    if (typeof values.value === "string" && Array.from(values.value).length > C.comprimentoMostrado)
      values.value = Array.from(values.value).slice(0, C.comprimentoMostrado).join("") + "…";
    return M[key].replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  // --- Documents ---------------------------------------------------------------------------------
  function blank() {
    var header = {};
    HEADER.forEach(function (c) { header[c] = ""; });
    return {
      formato: C.formato, versao: C.versao, cabecalho: header,
      respostas: C.recomendacoes.map(function (id) {
        var answer = {};
        ANSWER.forEach(function (c) { answer[c] = ""; });
        answer.recomendacao = id;
        return answer;
      })
    };
  }
  function toJson(doc) { return JSON.stringify(doc, null, 2) + "\n"; }
  function csvCell(value) { return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value; }
  function toCsv(doc) {
    var rows = [COLUMNS].concat(doc.respostas.map(function (answer) {
      return HEADER.map(function (c) { return doc.cabecalho[c]; }).concat(ANSWER.map(function (c) { return answer[c]; }));
    }));
    return rows.map(function (row) { return row.map(csvCell).join(",") + "\r\n"; }).join("");
  }

  // --- Reading files: the same algorithms as self_assessment.py ----------------------------------
  function Stop(problem) { this.problem = problem; }
  function problem(line, field, text) { return { line: line, field: field, message: text }; }

  function lineBreaks(text) {
    var breaks = [], re = /\r\n|\n|\r/g, m;
    while ((m = re.exec(text))) breaks.push(m.index + m[0].length);
    return breaks;
  }
  function byteBreaks(bytes) {
    var breaks = [];
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 13 && bytes[i + 1] === 10) { breaks.push(i + 2); i++; }
      else if (bytes[i] === 10 || bytes[i] === 13) breaks.push(i + 1);
    }
    return breaks;
  }
  function lineAt(breaks, offset) { // bisect_right(breaks, offset) + 1
    var lo = 0, hi = breaks.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (breaks[mid] <= offset) lo = mid + 1; else hi = mid; }
    return lo + 1;
  }

  function parseCsv(text) {
    var breaks = lineBreaks(text), records = [], i = 0, n = text.length, cell = /[^,\r\n]*/y;
    while (i < n) {
      if (text[i] === "\r" || text[i] === "\n") { i += text.startsWith("\r\n", i) ? 2 : 1; continue; }
      var start = lineAt(breaks, i), cells = [];
      for (;;) {
        if (i < n && text[i] === '"') {
          var opened = lineAt(breaks, i); // a quoting problem is shown where the quotes opened
          i++;
          var buffer = "";
          for (;;) {
            if (i >= n) throw new Stop(problem(opened, "", message("csv_quote", {})));
            if (text[i] === '"') {
              if (text.startsWith('""', i)) { buffer += '"'; i += 2; continue; }
              i++;
              break;
            }
            buffer += text[i]; i++;
          }
          if (i < n && ",\r\n".indexOf(text[i]) < 0) throw new Stop(problem(opened, "", message("csv_quote", {})));
          cells.push(buffer);
        } else {
          cell.lastIndex = i;
          var match = cell.exec(text);
          cells.push(match[0]);
          i = cell.lastIndex;
        }
        if (i < n && text[i] === ",") { i++; continue; }
        break;
      }
      if (i < n) i += text.startsWith("\r\n", i) ? 2 : 1;
      records.push([start, cells]);
    }
    return records;
  }

  var NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
  var STRING = /"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  function fieldName(path) {
    var text = "";
    path.forEach(function (part) { text += typeof part === "number" ? "[" + part + "]" : (text ? "." + part : String(part)); });
    return text;
  }
  function scanJson(text) {
    var breaks = lineBreaks(text), valueLine = new Map(), keyLine = new Map(), problems = [], n = text.length;
    function fail(offset, key) { throw new Stop(problem(lineAt(breaks, Math.min(offset, n)), "", message(key || "json_syntax", {}))); }
    function space(i) { while (i < n && " \t\n\r".indexOf(text[i]) >= 0) i++; return i; }
    function sticky(re, i) { re.lastIndex = i; var m = re.exec(text); return m; }
    function value(i, path, depth) {
      if (depth > C.profundidade) fail(i, "json_depth");
      valueLine.set(JSON.stringify(path), lineAt(breaks, i));
      if (i >= n) fail(i);
      var c = text[i], m;
      if (c === "{") {
        var seen = new Set();
        i = space(i + 1);
        if (i < n && text[i] === "}") return i + 1;
        for (;;) {
          m = i < n && text[i] === '"' ? sticky(STRING, i) : null;
          if (!m) fail(i);
          var key = JSON.parse(m[0]), keyPath = path.concat([key]);
          if (seen.has(key)) problems.push(problem(lineAt(breaks, i), fieldName(keyPath), message("json_duplicate_key", { key: key })));
          seen.add(key);
          if (!keyLine.has(JSON.stringify(keyPath))) keyLine.set(JSON.stringify(keyPath), lineAt(breaks, i));
          i = space(i + m[0].length);
          if (i >= n || text[i] !== ":") fail(i);
          i = space(value(space(i + 1), keyPath, depth + 1));
          if (i < n && text[i] === ",") { i = space(i + 1); continue; }
          if (i < n && text[i] === "}") return i + 1;
          fail(i);
        }
      }
      if (c === "[") {
        var index = 0;
        i = space(i + 1);
        if (i < n && text[i] === "]") return i + 1;
        for (;;) {
          i = space(value(i, path.concat([index]), depth + 1));
          index++;
          if (i < n && text[i] === ",") { i = space(i + 1); continue; }
          if (i < n && text[i] === "]") return i + 1;
          fail(i);
        }
      }
      if (c === '"') {
        m = sticky(STRING, i);
        if (!m) fail(i);
        return i + m[0].length;
      }
      var literals = ["true", "false", "null"];
      for (var k = 0; k < literals.length; k++) if (text.startsWith(literals[k], i)) return i + literals[k].length;
      m = sticky(NUMBER, i);
      if (!m || !m[0]) fail(i);
      return i + m[0].length;
    }
    var end = space(value(space(0), [], 0));
    if (end !== n) fail(end);
    return { valueLine: valueLine, keyLine: keyLine, problems: problems };
  }

  function utf8Error(bytes) { // offset of the first invalid sequence, as Python's decoder reports it
    var i = 0, n = bytes.length;
    while (i < n) {
      var b = bytes[i];
      if (b < 0x80) { i++; continue; }
      var count, low = 0x80, high = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) count = 1;
      else if (b === 0xe0) { count = 2; low = 0xa0; }
      else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) count = 2;
      else if (b === 0xed) { count = 2; high = 0x9f; }
      else if (b === 0xf0) { count = 3; low = 0x90; }
      else if (b >= 0xf1 && b <= 0xf3) count = 3;
      else if (b === 0xf4) { count = 3; high = 0x8f; }
      else return i;
      for (var k = 1; k <= count; k++) {
        var next = bytes[i + k];
        if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
      }
      i += count + 1;
    }
    return -1;
  }

  // --- Validation --------------------------------------------------------------------------------
  var compiled = null;
  function loadValidator() {
    if (compiled) return Promise.resolve(compiled);
    var script = window.ajv2020 ? Promise.resolve() : new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = VALIDATOR_URL;
      element.onload = resolve;
      element.onerror = function () { reject(new Error("validador")); };
      document.head.appendChild(element);
    });
    return Promise.all([script, fetch(SCHEMA_URL, { credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error("esquema");
      return r.json();
    })]).then(function (results) {
      var Ajv = window.ajv2020.default || window.ajv2020;
      compiled = new Ajv({ allErrors: true, strict: false }).compile(results[1]);
      return compiled;
    });
  }

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function valueAt(doc, path) {
    return path.reduce(function (value, part) { return value === undefined || value === null ? undefined : value[part]; }, doc);
  }
  function pointerToPath(pointer, doc) {
    if (!pointer) return [];
    var path = [], value = doc;
    pointer.split("/").slice(1).forEach(function (raw) {
      var part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      var key = Array.isArray(value) ? Number(part) : part;
      path.push(key);
      value = value === undefined || value === null ? undefined : value[key];
    });
    return path;
  }
  function schemaErrors(validate, doc) {
    var found = new Map();
    function keep(path, rule, values) {
      var key = JSON.stringify(path), old = found.get(key);
      if (!old || C.prioridade.indexOf(rule) < C.prioridade.indexOf(old.rule)) found.set(key, { path: path, rule: rule, values: values });
    }
    validate(doc);
    (validate.errors || []).forEach(function (error) {
      var path = pointerToPath(error.instancePath, doc), rule = error.keyword;
      if (rule === "required") keep(path.concat([error.params.missingProperty]), rule, {});
      else if (rule === "additionalProperties") keep(path.concat([error.params.additionalProperty]), rule, {});
      else if (C.prioridade.indexOf(rule) >= 0) {
        var expected = rule === "type" ? error.params.type : rule === "const" ? error.params.allowedValue : error.params.limit;
        keep(path, rule, { expected: expected, value: valueAt(doc, path) });
      }
    });
    return Array.from(found.values());
  }
  function schemaMessage(path, rule, values) {
    var strings = path.filter(function (p) { return typeof p === "string"; });
    var last = strings.length ? strings[strings.length - 1] : "", value = values.value;
    if (rule === "required") return message("required", {});
    if (rule === "additionalProperties") return message("additional", {});
    if (rule === "type") return message("type", { expected: C.tiposNomes[values.expected] || values.expected });
    if (rule === "const") return message("const", { value: value, expected: values.expected });
    if ((rule === "enum" || rule === "pattern") && value === "") return message("min_length", {});
    if (rule === "enum") {
      if (last === "situacao") return message("enum_situacao", { value: value, options: C.situacoes.map(function (s) { return s.id; }).join(", ") });
      if (last === "ente_tipo") return message("enum_ente_tipo", { value: value, options: C.tipos.map(function (k) { return k.id; }).join(", ") });
      return message("enum_recomendacao", { value: value });
    }
    if (rule === "minLength") return message("min_length", {});
    if (rule === "pattern") return message(C.datas.indexOf(last) >= 0 ? "pattern_date" : "pattern_" + last, { value: value });
    return message("max_length", { length: Array.from(value).length, limit: values.expected });
  }
  function daysInMonth(year, month) {
    if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
    return [4, 6, 9, 11].indexOf(month) >= 0 ? 30 : 31;
  }
  function realDate(text) {
    var parts = text.split("-").map(Number);
    return parts[0] >= 1 && parts[1] >= 1 && parts[1] <= 12 && parts[2] >= 1 && parts[2] <= daysInMonth(parts[0], parts[1]);
  }
  function ruleProblems(doc, headerOnly) {
    var found = [], header = isObject(doc.cabecalho) ? doc.cabecalho : {};
    var answers = Array.isArray(doc.respostas) ? doc.respostas : null, places = [];
    HEADER.forEach(function (c) { places.push([["cabecalho", c], header[c]]); });
    if (!headerOnly) (answers || []).forEach(function (answer, index) {
      if (isObject(answer)) ANSWER.forEach(function (c) { places.push([["respostas", index, c], answer[c]]); });
    });
    places.forEach(function (place) {
      var path = place[0], value = place[1];
      if (typeof value !== "string") return;
      if (HTML_RE.test(value)) found.push([path, message("html", {})]);
      else if (C.datas.indexOf(path[path.length - 1]) >= 0 && DATE_RE.test(value) && !realDate(value)) found.push([path, message("date_invalid", { value: value })]);
    });
    var code = header.ente_codigo_ibge, kind = header.ente_tipo;
    if (typeof code === "string" && IBGE_RE.test(code)) {
      var at = ["cabecalho", "ente_codigo_ibge"], prefix = code.slice(0, 2);
      if (!Object.prototype.hasOwnProperty.call(C.ufs, prefix)) found.push([at, message("uf_unknown", { value: code, prefix: prefix })]);
      else if (kind === "estado" && (code.length !== 2 || code === "53")) found.push([at, message("kind_estado", {})]);
      else if (kind === "distrito-federal" && C.df.indexOf(code) < 0) found.push([at, message("kind_df", {})]);
      else if (kind === "municipio" && code.length !== 7) found.push([at, message("kind_municipio", {})]);
      else if (kind === "municipio" && code.startsWith("53")) found.push([at, message("kind_municipio_df", {})]);
    }
    if (answers !== null && !headerOnly) {
      var first = new Map();
      answers.forEach(function (answer, index) {
        var rec = isObject(answer) ? answer.recomendacao : undefined;
        if (typeof rec !== "string") return;
        if (first.has(rec)) found.push([["respostas", index, "recomendacao"], ["duplicate", rec, first.get(rec)]]);
        else first.set(rec, index);
      });
      C.recomendacoes.forEach(function (id) { if (!first.has(id)) found.push([["respostas"], message("missing", { id: id })]); });
    }
    return found;
  }
  function documentProblems(validate, doc, locate) {
    var problems = schemaErrors(validate, doc).map(function (e) {
      var where = locate(e.path, e.rule);
      return problem(where[0], where[1], schemaMessage(e.path, e.rule, e.values));
    });
    if (isObject(doc)) ruleProblems(doc).forEach(function (found) {
      var where = locate(found[0], ""), text = found[1];
      if (Array.isArray(text)) text = message("duplicate", { id: text[1], first: locate(["respostas", text[2], "recomendacao"], "")[0] });
      problems.push(problem(where[0], where[1], text));
    });
    return problems;
  }
  function validateJson(text, validate) {
    var scan = scanJson(text), doc = JSON.parse(text);
    if (!isObject(doc) || doc.formato !== C.formato) return { problems: [problem(1, "formato", message("other_kind_json", { format: C.formato }))] };
    function locate(path, rule) {
      var parent = JSON.stringify(path.slice(0, -1)), own = JSON.stringify(path);
      if (rule === "required") return [scan.valueLine.has(parent) ? scan.valueLine.get(parent) : 1, fieldName(path)];
      if (rule === "additionalProperties") return [scan.keyLine.has(own) ? scan.keyLine.get(own) : 1, fieldName(path)];
      var line = scan.valueLine.has(own) ? scan.valueLine.get(own) : scan.valueLine.has(parent) ? scan.valueLine.get(parent) : 1;
      return [line, fieldName(path)];
    }
    return { problems: scan.problems.concat(documentProblems(validate, doc, locate)), doc: doc };
  }
  function validateCsv(text, validate) {
    var records = parseCsv(text);
    if (!records.length) return { problems: [problem(1, "", message("empty", {}))] };
    var headerLine = records[0][0], header = records[0][1], problems = [];
    if (header.indexOf("recomendacao") < 0 || header.indexOf("situacao") < 0) return { problems: [problem(headerLine, "", message("other_kind_csv", {}))] };
    header.forEach(function (c) { if (COLUMNS.indexOf(c) < 0) problems.push(problem(headerLine, c, message("csv_extra_column", {}))); });
    COLUMNS.forEach(function (c) { if (header.indexOf(c) < 0) problems.push(problem(headerLine, c, message("csv_missing_column", { column: c }))); });
    if (!problems.length && header.join("\u0000") !== COLUMNS.join("\u0000")) problems.push(problem(headerLine, "", message("csv_column_order", { columns: COLUMNS.join(", ") })));
    if (problems.length) return { problems: problems };
    var rows = [];
    records.slice(1).forEach(function (record) {
      if (record[1].length !== COLUMNS.length) problems.push(problem(record[0], "", message("csv_cells", { found: record[1].length, expected: COLUMNS.length })));
      else {
        var row = {};
        COLUMNS.forEach(function (c, k) { row[c] = record[1][k]; });
        rows.push([record[0], row]);
      }
    });
    var firstLine = rows.length ? rows[0][0] : headerLine;
    rows.slice(1).forEach(function (entry) {
      HEADER.forEach(function (c) { if (entry[1][c] !== rows[0][1][c]) problems.push(problem(entry[0], c, message("csv_header_differs", { first: firstLine }))); });
    });
    var cabecalho = {};
    HEADER.forEach(function (c) { cabecalho[c] = rows.length ? rows[0][1][c] : ""; });
    var doc = { formato: C.formato, versao: C.versao, cabecalho: cabecalho, respostas: rows.map(function (entry) {
      var answer = {};
      ANSWER.forEach(function (c) { answer[c] = entry[1][c]; });
      return answer;
    }) };
    function locate(path) {
      if (path[0] === "cabecalho") return [firstLine, path.length > 1 ? path[1] : ""];
      if (path.length >= 2) return [rows[path[1]][0], path.length > 2 ? path[2] : ""];
      return [headerLine, "recomendacao"];
    }
    var found = documentProblems(validate, doc, locate);
    if (!rows.length) found = found.filter(function (p) { return p.field === "recomendacao"; });
    return { problems: problems.concat(found), doc: doc };
  }
  function compareText(a, b) { // code point order, as Python compares strings
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }
  function sortProblems(problems) {
    return problems.sort(function (a, b) { return a.line - b.line || compareText(a.field, b.field) || compareText(a.message, b.message); });
  }
  function validateBytes(bytes, validate) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (bytes.every(function (b) { return b === 32 || b === 9 || b === 13 || b === 10; })) return { problems: [problem(1, "", message("empty", {}))] };
    var bad = utf8Error(bytes);
    if (bad >= 0) return { problems: [problem(lineAt(byteBreaks(bytes), bad), "", message("encoding", {}))] };
    var text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), result;
    try {
      result = "{[".indexOf(text.replace(/^[ \t\r\n]+/, "").charAt(0) || "-") >= 0 ? validateJson(text, validate) : validateCsv(text, validate);
    } catch (error) {
      if (error instanceof Stop) result = { problems: [error.problem] };
      else throw error;
    }
    result.problems = sortProblems(result.problems);
    return result;
  }

  // --- The page ----------------------------------------------------------------------------------
  var doc = blank(), items = new Map(), planRows = new Map();
  var messages = document.getElementById("aa-mensagens");
  var statusLabels = {};
  C.situacoes.forEach(function (s) { statusLabels[s.id] = s.rotulo; });
  var kindLabels = {};
  C.tipos.forEach(function (k) { kindLabels[k.id] = k.rotulo; });
  document.querySelectorAll(".aa-item[data-rec]").forEach(function (element) { items.set(element.getAttribute("data-rec"), element); });
  var answerIndex = new Map();
  C.recomendacoes.forEach(function (id, index) { answerIndex.set(id, index); });

  function load() {
    try {
      var stored = JSON.parse(localStorage.getItem(C.chave) || "null");
      if (isObject(stored) && stored.formato === C.formato) return normalise(stored);
    } catch (error) { /* nothing usable in this browser */ }
    return blank();
  }
  function normalise(source) { // the stored or imported document, shaped like an export
    var result = blank();
    HEADER.forEach(function (c) { if (typeof source.cabecalho[c] === "string") result.cabecalho[c] = source.cabecalho[c]; });
    source.respostas.forEach(function (answer) {
      var index = answerIndex.get(answer.recomendacao);
      if (index === undefined) return;
      ANSWER.forEach(function (c) { if (typeof answer[c] === "string") result.respostas[index][c] = answer[c]; });
    });
    return result;
  }
  function save() {
    try { localStorage.setItem(C.chave, JSON.stringify(doc)); } catch (error) { /* storage full or blocked */ }
  }
  function hasContent() {
    return HEADER.some(function (c) { return doc.cabecalho[c]; }) ||
      doc.respostas.some(function (a) { return ANSWER.some(function (c) { return c !== "recomendacao" && a[c]; }); });
  }
  function fill() {
    HEADER.forEach(function (c) { var input = document.getElementById("aa-" + c); if (input) input.value = doc.cabecalho[c]; });
    doc.respostas.forEach(function (answer) {
      var element = items.get(answer.recomendacao);
      element.querySelectorAll("[data-campo]").forEach(function (input) { input.value = answer[input.getAttribute("data-campo")]; });
      updatePlanRow(answer);
    });
    updatePlanHeader();
    summarise();
  }

  function dateBr(iso) { return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.slice(8) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4) : iso; }
  function summarise() {
    var ids = C.situacoes.map(function (s) { return s.id; }).concat([""]);
    var totals = {}, byObjective = {};
    ids.forEach(function (id) { totals[id] = 0; });
    doc.respostas.forEach(function (answer) {
      var objective = items.get(answer.recomendacao).getAttribute("data-objetivo");
      byObjective[objective] = byObjective[objective] || ids.reduce(function (o, id) { o[id] = 0; return o; }, {});
      var status = ids.indexOf(answer.situacao) >= 0 ? answer.situacao : "";
      byObjective[objective][status]++;
      totals[status]++;
    });
    byObjective.todos = totals;
    document.querySelectorAll("#aa-tabela-resumo tr[data-objetivo]").forEach(function (row) {
      var counts = byObjective[row.getAttribute("data-objetivo")];
      row.querySelectorAll("td[data-situacao]").forEach(function (cell) { cell.textContent = String(counts[cell.getAttribute("data-situacao")]); });
    });
    var parts = C.situacoes.filter(function (s) { return totals[s.id]; }).map(function (s) { return totals[s.id] + " " + s.rotulo.toLowerCase(); });
    if (totals[""]) parts.push(totals[""] + " " + C.semResposta.toLowerCase());
    document.getElementById("aa-resumo-texto").textContent =
      "Das " + doc.respostas.length + " recomendações: " + parts.join(", ") + ".";
    drawChart(byObjective, ids);
  }
  var segments = null;
  function drawChart(byObjective, ids) { // built once; later changes only move the widths
    var chart = document.getElementById("aa-grafico");
    var keys = Object.keys(byObjective).filter(function (k) { return k !== "todos"; }).sort(function (a, b) { return a - b; }).concat(["todos"]);
    if (!segments) {
      var html = "";
      keys.forEach(function (key) {
        html += '<div class="aa-grafico-linha"><span class="aa-grafico-rotulo">' + (key === "todos" ? "Todos" : "Objetivo " + key) +
          '</span><span class="aa-grafico-barra" data-objetivo="' + key + '">' +
          ids.map(function (id) { return '<span class="aa-s aa-s-' + (id || "sem") + '"></span>'; }).join("") + "</span></div>";
      });
      html += '<p class="aa-legenda">' + C.situacoes.map(function (s) { return '<span class="aa-s-chave aa-s-' + s.id + '"></span>' + s.rotulo; }).join(" ") +
        ' <span class="aa-s-chave aa-s-sem"></span>' + C.semResposta + "</p>";
      chart.innerHTML = html;
      segments = {};
      chart.querySelectorAll(".aa-grafico-barra").forEach(function (bar) { segments[bar.getAttribute("data-objetivo")] = bar.children; });
    }
    keys.forEach(function (key) {
      var counts = byObjective[key], total = ids.reduce(function (sum, id) { return sum + counts[id]; }, 0);
      ids.forEach(function (id, k) {
        var width = total ? (100 * counts[id] / total).toFixed(2) + "%" : "0%";
        if (segments[key][k].style.width !== width) segments[key][k].style.width = width;
      });
    });
  }

  function buildPlan() {
    var plan = document.getElementById("aa-plano");
    var html = '<h2>Plano de ação da autoavaliação</h2><dl class="aa-plano-ente"></dl><table><thead><tr><th scope="col">Recomendação</th>' +
      '<th scope="col">Situação</th><th scope="col">Área responsável</th><th scope="col">Data prevista</th></tr></thead><tbody>';
    C.recomendacoes.forEach(function (id) { html += '<tr data-rec="' + id + '"><th scope="row">' + id + "</th><td></td><td></td><td></td></tr>"; });
    plan.innerHTML = html + "</tbody></table>";
    plan.querySelectorAll("tr[data-rec]").forEach(function (row) { planRows.set(row.getAttribute("data-rec"), row.cells); });
  }
  function updatePlanRow(answer) {
    var cells = planRows.get(answer.recomendacao);
    cells[1].textContent = statusLabels[answer.situacao] || C.semResposta;
    cells[2].textContent = answer.area_responsavel;
    cells[3].textContent = dateBr(answer.data_prevista);
  }
  function updatePlanHeader() {
    var h = doc.cabecalho, list = document.querySelector("#aa-plano .aa-plano-ente"), html = "";
    [["Ente", h.ente_nome], ["Tipo", kindLabels[h.ente_tipo] || ""], ["Código IBGE", h.ente_codigo_ibge],
      ["Data da avaliação", dateBr(h.data_avaliacao)], ["Preenchido por", h.preenchido_por]].forEach(function (pair) {
      html += "<dt>" + pair[0] + "</dt><dd></dd>";
    });
    list.innerHTML = html;
    var values = [h.ente_nome, kindLabels[h.ente_tipo] || "", h.ente_codigo_ibge, dateBr(h.data_avaliacao), h.preenchido_por];
    list.querySelectorAll("dd").forEach(function (dd, k) { dd.textContent = values[k]; });
  }

  function onInput(event) {
    var input = event.target, field = input.getAttribute && input.getAttribute("data-campo");
    if (!field) return;
    var item = input.closest(".aa-item");
    if (item) {
      var answer = doc.respostas[answerIndex.get(item.getAttribute("data-rec"))];
      if (answer[field] === input.value) return;
      answer[field] = input.value;
      updatePlanRow(answer);
      if (field === "situacao") summarise();
    } else {
      if (doc.cabecalho[field] === input.value) return;
      doc.cabecalho[field] = input.value;
      updatePlanHeader();
    }
    save();
    document.dispatchEvent(new CustomEvent("aa:salvo"));
  }

  function show(title, problems, isError) {
    messages.hidden = false;
    messages.className = "aa-mensagens " + (isError ? "aa-erro" : "aa-ok");
    messages.textContent = "";
    var heading = document.createElement("p");
    heading.textContent = title;
    messages.appendChild(heading);
    if (problems && problems.length) {
      var list = document.createElement("ul");
      list.id = "aa-problemas";
      problems.forEach(function (p) {
        var li = document.createElement("li"), where = document.createElement("span"), text = document.createElement("span");
        li.setAttribute("data-linha", String(p.line));
        li.setAttribute("data-campo", p.field);
        where.textContent = (p.line ? "Linha " + p.line + (p.field ? ", campo " + p.field : "") : p.label || "Campo " + p.field) + ": ";
        text.className = "aa-problema-mensagem";
        text.textContent = p.message;
        li.appendChild(where);
        li.appendChild(text);
        list.appendChild(li);
      });
      messages.appendChild(list);
    }
    messages.focus();
  }

  function download(text, name, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function answerProblem(id, field, text) {
    var found = problem(0, field, text);
    found.label = "Recomendação " + id + ", campo " + field;
    return found;
  }
  function exportAs(kind) {
    var problems = [];
    HEADER.forEach(function (c) {
      if (C.obrigatoriosCabecalho.indexOf(c) >= 0 && !doc.cabecalho[c]) problems.push(problem(0, c, message("min_length", {})));
    });
    if (doc.cabecalho.ente_codigo_ibge && !IBGE_RE.test(doc.cabecalho.ente_codigo_ibge))
      problems.push(problem(0, "ente_codigo_ibge", message("pattern_ente_codigo_ibge", { value: doc.cabecalho.ente_codigo_ibge })));
    ruleProblems(doc).forEach(function (found) {
      var path = found[0];
      if (path[0] === "cabecalho") problems.push(problem(0, path[1], found[1]));
      else problems.push(answerProblem(doc.respostas[path[1]].recomendacao, path[2], found[1]));
    });
    doc.respostas.forEach(function (answer) {
      if (!LINK_RE.test(answer.evidencia)) problems.push(answerProblem(answer.recomendacao, "evidencia", message("pattern_evidencia", { value: answer.evidencia })));
    });
    if (problems.length) {
      show("Para exportar, corrija antes:", problems, true);
      return;
    }
    var base = "autoavaliacao-" + doc.cabecalho.ente_codigo_ibge + "-" + doc.cabecalho.data_avaliacao;
    if (kind === "json") download(toJson(doc), base + ".json", "application/json");
    else download(toCsv(doc), base + ".csv", "text/csv;charset=utf-8");
    show("Arquivo " + kind.toUpperCase() + " exportado: " + base + "." + kind + ".", [], false);
  }

  function importFile(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    Promise.all([file.arrayBuffer(), loadValidator()]).then(function (results) {
      var result = validateBytes(new Uint8Array(results[0]), results[1]);
      input.value = "";
      if (result.problems.length) {
        var n = result.problems.length;
        show("O arquivo " + file.name + " não foi importado. " + (n === 1 ? "Há 1 problema" : "Há " + n + " problemas") +
          ". As respostas atuais continuam como estavam.", result.problems, true);
        return;
      }
      if (hasContent() && !window.confirm("O arquivo vai tomar o lugar das respostas que você já tem. Quer seguir?")) {
        show("Nada mudou. As suas respostas ficam como estavam.", [], false);
        return;
      }
      doc = normalise(result.doc);
      fill();
      save();
      show("Arquivo " + file.name + " importado.", [], false);
    }).catch(function () {
      input.value = "";
      show("Não foi possível ler o arquivo ou carregar o validador. Tente de novo.", [], true);
    });
  }

  document.getElementById("aa-sem-js").hidden = true;
  document.getElementById("aa-acoes").hidden = false;
  document.documentElement.classList.add("aa-js");
  buildPlan();
  doc = load();
  fill();
  var content = document.querySelector(".md-content") || document.body;
  content.addEventListener("input", onInput);
  content.addEventListener("change", onInput);
  document.getElementById("aa-exportar-json").addEventListener("click", function () { exportAs("json"); });
  document.getElementById("aa-exportar-csv").addEventListener("click", function () { exportAs("csv"); });
  document.getElementById("aa-imprimir").addEventListener("click", function () { window.print(); });
  document.getElementById("aa-apagar").addEventListener("click", function () {
    if (!window.confirm("Apagar todas as respostas guardadas neste navegador? Isso não pode ser desfeito.")) return;
    try { localStorage.removeItem(C.chave); } catch (error) { /* nothing stored */ }
    doc = blank();
    fill();
    show("Pronto. Tudo o que estava guardado neste navegador foi apagado.", [], false);
  });
  document.getElementById("aa-importar").addEventListener("change", function (event) { importFile(event.target); });
  window.engdAutoavaliacao = { validateBytes: validateBytes, loadValidator: loadValidator, toCsv: toCsv, toJson: toJson };
})();
