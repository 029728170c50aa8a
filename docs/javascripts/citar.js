/*
 * Botões "Copiar" da seção "Como citar" (código próprio, sem bibliotecas de terceiros).
 *
 * Cada <button data-engd-copiar="ID"> copia o texto do elemento ID para a área de transferência e
 * anuncia o resultado na região <p role="status"> da mesma seção, que os leitores de tela leem.
 * Os botões vêm com o atributo hidden: sem JavaScript eles não aparecem, e o texto continua lá
 * para ser selecionado. Usa a API Clipboard quando a página está num contexto seguro e, fora dele,
 * o comando de cópia do documento.
 */
(function () {
  "use strict";

  function textOf(id) {
    var element = document.getElementById(id);
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function copyWithSelection(text, button) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    button.focus();
    return copied ? Promise.resolve() : Promise.reject(new Error("cópia recusada"));
  }

  function copy(text, button) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithSelection(text, button);
      });
    }
    return copyWithSelection(text, button);
  }

  function announce(region, message) {
    if (!region) {
      return;
    }
    // Empty first, so that the same message said twice is announced twice.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message;
    }, 50);
  }

  function setUp(root) {
    var buttons = root.querySelectorAll("button[data-engd-copiar]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.dataset.engdPronto) {
        return;
      }
      button.dataset.engdPronto = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var box = button.closest(".engd-citar");
        var region = box ? box.querySelector("[role=status]") : null;
        var text = textOf(button.dataset.engdCopiar);
        copy(text, button).then(function () {
          announce(region, button.dataset.engdCopiado || "Copiado.");
        }, function () {
          announce(region, "Não deu para copiar. Marque o texto e copie com Ctrl+C.");
        });
      });
    });
  }

  // Material's instant navigation, when switched on, swaps pages without a reload.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setUp(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); }, { once: true });
  } else {
    setUp(document);
  }
})();
