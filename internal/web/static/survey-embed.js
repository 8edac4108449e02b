// Loa survey embed: <script src="https://…/static/survey-embed.js" data-survey="slug" defer></script>
// puts the survey's iframe page where the script tag is. The survey works
// in the iframe without this script too (see the iframe code in the back office).
(function () {
  var me = document.currentScript;
  if (!me) return;
  var slug = me.getAttribute("data-survey") || "";
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return;
  var base = me.src.replace(/\/static\/survey-embed\.js.*$/, "");
  var f = document.createElement("iframe");
  f.src = base + "/khao-sat/" + slug + "/nhung";
  f.title = me.getAttribute("data-title") || "Khảo sát";
  f.loading = "lazy";
  f.style.cssText = "width:100%;min-height:640px;border:0";
  me.parentNode.insertBefore(f, me.nextSibling);
})();
