// The report list's place selects: choosing a province (or a city) narrows the selects below it
// at once, with the options the server renders for that choice, read from the same page fetched
// with only the places in its query. Nothing is submitted until 筛选 is pressed, so moving
// through a select with the arrow keys never reloads the page. Without JavaScript the page says
// to press 筛选 first.
(() => {
  const form = document.querySelector("form[data-narrows-places]");
  if (!form) return;
  const PLACES = ["province", "city", "county"];
  const hint = form.querySelector("[data-hint-with-script]");
  if (hint) hint.textContent = hint.dataset.hintWithScript;
  let latest = 0; // a slower answer to an earlier choice must not overwrite a later one

  for (const [index, name] of PLACES.slice(0, -1).entries()) {
    const below = PLACES.slice(index + 1).map((field) => form.elements[field]).filter(Boolean);
    form.elements[name]?.addEventListener("change", async () => {
      for (const select of below) select.value = "";
      const query = new URLSearchParams();
      for (const place of PLACES) {
        const value = form.elements[place]?.value;
        if (value) query.set(place, value);
      }
      const asked = ++latest;
      let page;
      try {
        const response = await fetch(`${form.action}?${query}`, { headers: { Accept: "text/html" } });
        if (!response.ok) return; // the selects keep their options; 筛选 still works
        page = new DOMParser().parseFromString(await response.text(), "text/html");
      } catch {
        return;
      }
      if (asked !== latest) return;
      for (const select of below) {
        const fresh = page.querySelector(`select[name="${select.name}"]`);
        if (fresh) select.replaceChildren(...Array.from(fresh.options, (option) => option.cloneNode(true)));
        select.value = "";
      }
    });
  }
})();
