type Props = Record<string, string | number | boolean | undefined>;

/**
 * Creates an element. Props starting with `data-`, `aria-` or in `ATTRIBUTES` become attributes;
 * the others are set as properties (`textContent`, `disabled`, `value`…).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (/^(data|aria)-/.test(name) || ATTRIBUTES.has(name)) element.setAttribute(name, String(value));
    else (element as unknown as Record<string, unknown>)[name] = value;
  }
  element.append(...children);
  return element;
}

const ATTRIBUTES = new Set([
  'class',
  'for',
  'role',
  'type',
  'name',
  'autocomplete',
  'inputmode',
  'min',
  'max',
]);

/** Shows or hides an element (the `hidden` attribute, styled `display: none`). */
export function show(element: HTMLElement, visible: boolean): void {
  element.hidden = !visible;
}
