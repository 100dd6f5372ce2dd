// Copy buttons: say "Copied" for a moment, or how to copy by hand when the browser refuses.
export async function copyText(text, button) {
  button.dataset.label ??= button.textContent;
  await navigator.clipboard.writeText(text).then(
    () => (button.textContent = 'Copied'),
    () => (button.textContent = 'Copy failed: select and copy by hand'),
  );
  setTimeout(() => (button.textContent = button.dataset.label), 1500);
}
