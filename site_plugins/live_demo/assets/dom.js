/* Building the widgets' DOM: h(tag, attrs, ...children), and fill(node, ...children). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...present(children));
  return node;
}
/* Optional children may be null or false: left out (replaceChildren would write "null"). */
export const present = (children) =>
  children.flat(Infinity).filter((c) => c != null && c !== false);
export const fill = (node, ...children) => node.replaceChildren(...present(children));
