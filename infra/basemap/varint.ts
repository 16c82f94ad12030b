/** Unsigned LEB128 (protobuf varints), for integers up to 2^53: arithmetic, not 32-bit bit operations. */
export function writeVarint(value: number, out: number[]): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}
