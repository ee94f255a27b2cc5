/* QR Code encoder (ISO/IEC 18004, model 2): text -> module matrix -> SVG.
 *
 * Byte mode with the text as UTF-8, versions 1 to 40, error-correction levels L, M, Q and H.
 * The steps follow the standard's order: data bits -> codewords in blocks, each with its
 * Reed–Solomon error correction over GF(256) -> interleaving -> function patterns -> placement
 * -> the eight masks, scored by the four penalty rules -> format and version information.
 * No dependencies: `window.cpQRCode = { matrix, svg }`.
 */
(() => {
  "use strict";

  const LEVELS = ["L", "M", "Q", "H"];
  // The two bits that name each level in the format information (not in the order above).
  const LEVEL_BITS = { L: 0b01, M: 0b00, Q: 0b11, H: 0b10 };

  /* ---- tables ------------------------------------------------------------------------ */

  // For each level and version 1–40: the error-correction codewords of one block, and the number
  // of blocks (ISO/IEC 18004, table 9). The codewords a version holds follow from its size.

  const EC_PER_BLOCK = {
    L: [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
      28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    M: [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
      26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    Q: [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
      28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    H: [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
      30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  };
  const BLOCKS = {
    L: [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
      8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
    M: [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
      17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    Q: [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
      23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
    H: [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
      25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
  };

  const sizeOf = (version) => 17 + 4 * version;
  const bit = (value, i) => Boolean((value >>> i) & 1); // bit i of value, 0 the least significant

  /* ---- data bits: mode, character count, the bytes, terminator and padding -------------- */

  /** The data codewords of `bytes` in byte mode, padded to `count` codewords. */
  function dataCodewords(bytes, version, count) {
    const bits = [];
    const push = (value, length) => {
      for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
    };
    push(0b0100, 4); // byte mode
    push(bytes.length, version < 10 ? 8 : 16);
    bytes.forEach((byte) => push(byte, 8));
    push(0, Math.min(4, count * 8 - bits.length)); // terminator, shortened when space runs out
    push(0, (8 - (bits.length % 8)) % 8);
    const words = [];
    for (let i = 0; i < bits.length; i += 8) words.push(bits.slice(i, i + 8).reduce((word, b) => (word << 1) | b));
    for (let pad = 0xec; words.length < count; pad ^= 0xec ^ 0x11) words.push(pad); // 11101100, 00010001, ...
    return words;
  }

  const bitsNeeded = (bytes, version) => 4 + (version < 10 ? 8 : 16) + 8 * bytes.length;

  /* ---- Reed–Solomon error correction over GF(256), modulo x^8 + x^4 + x^3 + x^2 + 1 ------- */

  const EXP = new Uint8Array(512); // EXP[i] = α^i, written twice so that LOG[a] + LOG[b] needs no modulo
  const LOG = new Uint8Array(256);
  for (let i = 0, value = 1; i < 255; i++) {
    EXP[i] = EXP[i + 255] = value;
    LOG[value] = i;
    value = value & 0x80 ? (value << 1) ^ 0x11d : value << 1;
  }
  const multiply = (a, b) => (a && b ? EXP[LOG[a] + LOG[b]] : 0);

  /** The generator polynomial (x - α^0)(x - α^1)…(x - α^(degree-1)), highest power first. */
  const generators = new Map();
  function generator(degree) {
    if (!generators.has(degree)) {
      let poly = [1];
      for (let i = 0; i < degree; i++) {
        // poly · (x - α^i) = poly · x + poly · α^i (minus is plus in GF(256))
        const next = [...poly, 0];
        for (let j = 0; j < poly.length; j++) next[j + 1] ^= multiply(poly[j], EXP[i]);
        poly = next;
      }
      generators.set(degree, poly);
    }
    return generators.get(degree);
  }

  /** The `degree` error-correction codewords of a block: the remainder of data · x^degree
   * divided by the generator polynomial. */
  function errorCorrection(data, degree) {
    const poly = generator(degree);
    const rest = new Array(degree).fill(0);
    for (const word of data) {
      const factor = word ^ rest.shift();
      rest.push(0);
      for (let i = 0; i < degree; i++) rest[i] ^= multiply(poly[i + 1], factor);
    }
    return rest;
  }

  /* ---- blocks and interleaving ----------------------------------------------------------- */

  /** The final codeword sequence: data split into blocks (the later ones one codeword longer
   * when it does not divide evenly), then the data codewords of all blocks taken in turn, then
   * their error-correction codewords likewise. */
  function finalCodewords(data, version, level) {
    const count = BLOCKS[level][version - 1];
    const degree = EC_PER_BLOCK[level][version - 1];
    const short = Math.floor(data.length / count);
    const longFrom = count - (data.length % count);
    const blocks = [];
    for (let b = 0, start = 0; b < count; b++) {
      const block = data.slice(start, (start += short + (b >= longFrom ? 1 : 0)));
      blocks.push({ data: block, ec: errorCorrection(block, degree) });
    }
    const result = [];
    for (let i = 0; i <= short; i++) {
      for (const block of blocks) if (i < block.data.length) result.push(block.data[i]);
    }
    for (let i = 0; i < degree; i++) for (const block of blocks) result.push(block.ec[i]);
    return result;
  }

  /* ---- function patterns ----------------------------------------------------------------- */

  /** Row and column of the alignment patterns' centres: 6, then evenly spaced (an even step)
   * back from the last, size - 7; the first gap takes what is left (ISO/IEC 18004, annex E). */
  function alignmentCentres(version) {
    if (version === 1) return [];
    const count = Math.floor(version / 7) + 2;
    const last = sizeOf(version) - 7;
    const step = version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2; // 32 is the exception
    return [6, ...Array.from({ length: count - 1 }, (_, i) => last - (count - 2 - i) * step)];
  }

  /** Where the 15 format bits go, least significant first: two copies, one along the top-left
   * finder pattern and one split between the other two (both step over the timing patterns). */
  function formatCells(size) {
    const first = [];
    const second = [];
    for (let i = 0; i < 15; i++) {
      first.push(i < 8 ? [8, i < 6 ? i : i + 1] : [i === 8 ? 7 : 14 - i, 8]); // down column 8, left along row 8
      second.push(i < 8 ? [size - 1 - i, 8] : [8, size - 15 + i]); // left along row 8, down column 8
    }
    return [first, second];
  }

  /** Where the 18 version bits go, least significant first: two copies, a block 6 wide and 3 high
   * above the bottom-left finder pattern and its mirror image left of the top-right one. */
  function versionCells(size) {
    const bottomLeft = [];
    const topRight = [];
    for (let i = 0; i < 18; i++) {
      const [across, along] = [Math.floor(i / 3), size - 11 + (i % 3)];
      bottomLeft.push([across, along]);
      topRight.push([along, across]);
    }
    return [bottomLeft, topRight];
  }

  /** `value` followed by its BCH check bits: the remainder of value · x^bits divided by the
   * polynomial `poly` (binary polynomials, as integers). */
  function withCheckBits(value, poly, bits) {
    let rest = value << bits;
    for (let i = 31 - Math.clz32(rest); i >= bits; i--) if ((rest >>> i) & 1) rest ^= poly << (i - bits);
    return (value << bits) | rest;
  }

  const formatBits = (level, mask) => withCheckBits((LEVEL_BITS[level] << 3) | mask, 0x537, 10) ^ 0x5412;
  const versionBits = (version) => withCheckBits(version, 0x1f25, 12);

  /** A symbol with its function patterns drawn: `dark[y][x]`, and `fixed[y][x]` for every module
   * that is not for data (the format information's are reserved, light for now). */
  function template(version) {
    const size = sizeOf(version);
    const dark = Array.from({ length: size }, () => new Array(size).fill(false));
    const fixed = Array.from({ length: size }, () => new Array(size).fill(false));
    const set = (x, y, on) => {
      dark[y][x] = on;
      fixed[y][x] = true;
    };
    /** A square pattern of concentric rings around (cx, cy): dark where `rings` says so. */
    const square = (cx, cy, radius, rings) => {
      for (let y = cy - radius; y <= cy + radius; y++) {
        for (let x = cx - radius; x <= cx + radius; x++) {
          if (x >= 0 && y >= 0 && x < size && y < size) set(x, y, rings[Math.max(Math.abs(x - cx), Math.abs(y - cy))]);
        }
      }
    };
    // Finder patterns (7 × 7: dark centre 3 × 3, light ring, dark ring) and their light separators.
    for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]]) square(cx, cy, 4, [true, true, false, true, false]);
    // Alignment patterns (5 × 5), except where they would overlap a finder pattern.
    const centres = alignmentCentres(version);
    for (const cy of centres) {
      for (const cx of centres) if (!fixed[cy][cx]) square(cx, cy, 2, [true, false, true]);
    }
    // Timing patterns: row 6 and column 6, alternating between the separators, dark first.
    for (let i = 8; i < size - 8; i++) {
      set(i, 6, i % 2 === 0);
      set(6, i, i % 2 === 0);
    }
    set(8, size - 8, true); // the dark module beside the bottom-left finder pattern
    for (const cells of formatCells(size)) cells.forEach(([x, y]) => set(x, y, false));
    if (version >= 7) {
      const bits = versionBits(version);
      for (const cells of versionCells(size)) cells.forEach(([x, y], i) => set(x, y, bit(bits, i)));
    }
    return { size, dark, fixed };
  }

  /** Data codewords a version holds at a level: every module left free by the function
   * patterns carries a bit (the few left over, 0 to 7, are remainder bits). */
  const freeCodewords = [];
  function capacity(version, level) {
    if (!freeCodewords[version]) {
      const { fixed } = template(version);
      freeCodewords[version] = Math.floor(fixed.flat().filter((isFixed) => !isFixed).length / 8);
    }
    return freeCodewords[version] - BLOCKS[level][version - 1] * EC_PER_BLOCK[level][version - 1];
  }

  /* ---- placement ------------------------------------------------------------------------- */

  /** Put the codewords' bits, most significant first, in two-module columns from the right,
   * upwards then downwards in turn, right module before left, skipping function patterns and
   * the whole of column 6; remainder bits are light (0). */
  function place({ size, dark, fixed }, codewords) {
    let index = 0;
    let upward = true;
    for (let right = size - 1; right > 0; right -= 2) {
      if (right === 6) right = 5;
      for (let n = 0; n < size; n++) {
        const y = upward ? size - 1 - n : n;
        for (const x of [right, right - 1]) {
          if (fixed[y][x]) continue;
          const word = codewords[index >> 3];
          dark[y][x] = word !== undefined && bit(word, 7 - (index & 7));
          index++;
        }
      }
      upward = !upward;
    }
  }

  /* ---- masks and penalties --------------------------------------------------------------- */

  /** The eight data masks: a module at row y, column x is inverted where the condition holds. */
  const MASKS = [
    (x, y) => (y + x) % 2 === 0,
    (x, y) => y % 2 === 0,
    (x, y) => x % 3 === 0,
    (x, y) => (y + x) % 3 === 0,
    (x, y) => (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0,
    (x, y) => ((y * x) % 2) + ((y * x) % 3) === 0,
    (x, y) => (((y * x) % 2) + ((y * x) % 3)) % 2 === 0,
    (x, y) => (((y + x) % 2) + ((y * x) % 3)) % 2 === 0,
  ];

  /** The complete symbol with mask `mask`: data modules inverted by it, its format bits drawn. */
  function masked({ size, dark, fixed }, level, mask) {
    const modules = dark.map((row, y) => row.map((on, x) => (fixed[y][x] ? on : on !== MASKS[mask](x, y))));
    const bits = formatBits(level, mask);
    for (const cells of formatCells(size)) cells.forEach(([x, y], i) => (modules[y][x] = bit(bits, i)));
    return modules;
  }

  const FINDER_LIKE = [true, false, true, true, true, false, true]; // 1:1:3:1:1, dark:light:dark:light:dark

  /** Four light modules from `start` on (modules beyond the symbol's edge, in the quiet zone, are light). */
  const lightFour = (line, start) => [0, 1, 2, 3].every((i) => !line[start + i]);

  /** The penalty score of a complete symbol (ISO/IEC 18004, 7.8.3.1, table 11): the whole symbol
   * is evaluated, function patterns and format information included. */
  function penalty(modules) {
    const size = modules.length;
    let score = 0;
    const lines = [...modules, ...modules.map((_, x) => modules.map((row) => row[x]))]; // rows, then columns
    for (const line of lines) {
      // Rule 1: five or more modules of one colour in a row or column score 3, and 1 more for each beyond five.
      for (let start = 0, end = 1; end <= size; end++) {
        if (end < size && line[end] === line[start]) continue;
        if (end - start >= 5) score += end - start - 2;
        start = end;
      }
      // Rule 3: a finder-like 1:1:3:1:1 pattern with four light modules before or after it scores 40
      // (once, even with light on both sides; patterns may share an end module).
      for (let i = 0; i + 7 <= size; i++) {
        const found = FINDER_LIKE.every((on, k) => line[i + k] === on);
        if (found && (lightFour(line, i - 4) || lightFour(line, i + 7))) score += 40;
      }
    }
    // Rule 2: every 2 × 2 block of one colour scores 3 (an m × n block, 3 · (m - 1) · (n - 1)).
    for (let y = 0; y + 1 < size; y++) {
      for (let x = 0; x + 1 < size; x++) {
        const on = modules[y][x];
        if (modules[y][x + 1] === on && modules[y + 1][x] === on && modules[y + 1][x + 1] === on) score += 3;
      }
    }
    // Rule 4: 10 for each full 5% by which the share of dark modules differs from 50%.
    const dark = modules.flat().filter(Boolean).length;
    score += 10 * Math.floor(Math.abs(dark * 20 - size * size * 10) / (size * size));
    return score;
  }

  /* ---- the encoder ----------------------------------------------------------------------- */

  const isIn = (value, low, high) => Number.isInteger(value) && value >= low && value <= high;

  /** The level and version for `bytes`: the smallest version that holds them at `level`, or
   * failing that at each lower level in turn (or at the forced `version`). */
  function choose(bytes, level, version) {
    const versions = version ? [version] : Array.from({ length: 40 }, (_, i) => i + 1);
    for (const lower of LEVELS.slice(0, LEVELS.indexOf(level) + 1).reverse()) {
      const fits = versions.find((v) => bitsNeeded(bytes, v) <= capacity(v, lower) * 8);
      if (fits) return { level: lower, version: fits };
    }
    throw new RangeError(`Too long for a QR code: ${bytes.length} bytes`);
  }

  /**
   * The QR code of `text`: `{ version, ecl, mask, size, modules }`, `modules[y][x]` true for a
   * dark module (no quiet zone). Options: `ecl` ("L", "M", "Q" or "H"; "M" by default, lower when
   * the text does not fit), and for testing `version` (1–40) and `mask` (0–7).
   */
  function matrix(text, options = {}) {
    const { ecl = "M", version: forcedVersion, mask: forcedMask } = options;
    if (!LEVELS.includes(ecl)) throw new RangeError(`Unknown error-correction level: ${ecl}`);
    if (forcedVersion !== undefined && !isIn(forcedVersion, 1, 40)) throw new RangeError("Versions are 1 to 40");
    if (forcedMask !== undefined && !isIn(forcedMask, 0, 7)) throw new RangeError("Masks are 0 to 7");
    const bytes = [...new TextEncoder().encode(String(text))];
    const { level, version } = choose(bytes, ecl, forcedVersion);
    const symbol = template(version);
    place(symbol, finalCodewords(dataCodewords(bytes, version, capacity(version, level)), version, level));
    let best = null;
    for (const mask of forcedMask === undefined ? MASKS.keys() : [forcedMask]) {
      const modules = masked(symbol, level, mask);
      const score = forcedMask === undefined ? penalty(modules) : 0;
      if (!best || score < best.score) best = { mask, modules, score }; // of equal scores, the lowest mask
    }
    return { version, ecl: level, mask: best.mask, size: symbol.size, modules: best.modules };
  }

  /* ---- drawing --------------------------------------------------------------------------- */

  const SVG = "http://www.w3.org/2000/svg";
  const QUIET = 4; // modules of light margin on every side

  function svgElement(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  /** The QR code of `text` as an `<svg>` (sized by CSS: its viewBox counts modules), named by
   * `label`; other options are `matrix`'s. */
  function svg(text, options = {}) {
    const { label = "QR code", ...rest } = options;
    const { size, modules } = matrix(text, rest);
    const side = size + 2 * QUIET;
    const root = svgElement("svg", {
      viewBox: `0 0 ${side} ${side}`,
      role: "img",
      "aria-label": label,
      "shape-rendering": "crispEdges",
    });
    const title = svgElement("title", {});
    title.textContent = label;
    // Each run of dark modules in a row is one rectangle of the path.
    const runs = [];
    modules.forEach((row, y) => {
      for (let x = 0; x < size; x++) {
        if (!row[x]) continue;
        const start = x;
        while (row[x + 1]) x++;
        runs.push(`M${start + QUIET} ${y + QUIET}h${x - start + 1}v1h${start - x - 1}z`);
      }
    });
    root.append(
      title,
      svgElement("rect", { width: side, height: side, fill: "#fff" }),
      svgElement("path", { d: runs.join(""), fill: "#000" }),
    );
    return root;
  }

  window.cpQRCode = Object.freeze({ matrix, svg });
})();
