// Sphinx's Spanish catalogue leaves the search summary empty, so the search page never
// told readers how many pages it found. Fill it in (only while it is still empty).
(() => {
  if (typeof Documentation === "undefined") return;
  const key = "Search finished, found one page matching the search query.";
  const current = Documentation.TRANSLATIONS[key];
  if (current !== undefined && [].concat(current).some((text) => text)) return;
  const many = "Búsqueda terminada: ${resultCount} páginas coinciden con la consulta.";
  Documentation.TRANSLATIONS[key] = [
    "Búsqueda terminada: una página coincide con la consulta.",
    many,
    many,
  ];
})();
