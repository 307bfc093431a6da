/** Page geometry: PDF transformation matrices, text direction, and the reading frame a page is read in. */

export type Matrix = readonly [number, number, number, number, number, number];

export function asMatrix(values: readonly number[]): Matrix {
  return [values[0] ?? 1, values[1] ?? 0, values[2] ?? 0, values[3] ?? 1, values[4] ?? 0, values[5] ?? 0];
}

export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** The text direction in whole quarter turns (0 = left to right in the viewport), or undefined when diagonal. */
export function quarterTurns(m: Matrix): number | undefined {
  const angle = Math.atan2(m[1], m[0]);
  const quarters = Math.round(angle / (Math.PI / 2));
  if (Math.abs(angle - quarters * (Math.PI / 2)) > 0.05) return undefined;
  return ((quarters % 4) + 4) % 4;
}

/** Maps a viewport point to the frame in which text turned `turns` quarter turns runs left to right. */
export function readingFrame(turns: number): (x: number, y: number) => [number, number] {
  const cos = [1, 0, -1, 0][turns] ?? 1;
  const sin = [0, 1, 0, -1][turns] ?? 0;
  return (x, y) => [x * cos + y * sin, -x * sin + y * cos];
}

export function pageExtent(width: number, height: number, toReading: (x: number, y: number) => [number, number]): [number, number] {
  const ys = [toReading(0, 0), toReading(width, 0), toReading(0, height), toReading(width, height)].map((p) => p[1]);
  return [Math.min(...ys), Math.max(...ys)];
}
