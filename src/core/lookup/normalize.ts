/**
 * Folds text the way people type it in a chat into one comparable form: lower case, Latin letters,
 * no diacritics or punctuation, Roman numerals and ordinals as digits, common spelling variants merged.
 */

// Cyrillic to Latin, close to the Russian and Ukrainian passport systems. Both scripts fold to the same
// key, so an alias written in Cyrillic and a query typed in Latin letters (or the reverse) can meet.
const cyrillic: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ў: 'u',
};

// Spelling variants merged before any comparison, so "Kiev" finds what "Kyiv" names.
const variants: Readonly<Record<string, string>> = {
  kiev: 'kyiv',
  kyyiv: 'kyiv',
  kyjiv: 'kyiv',
  kiew: 'kyiv',
  lugansk: 'luhansk',
  luhans: 'luhansk',
  zaporozhye: 'zaporizhzhia',
  zaporozhe: 'zaporizhzhia',
  zaporizhia: 'zaporizhzhia',
  zaporizhzhya: 'zaporizhzhia',
  zaporozhie: 'zaporizhzhia',
  zaporizhzhe: 'zaporizhzhia',
  zaporizhzhie: 'zaporizhzhia',
  belavezha: 'belovezha',
  bilovezha: 'belovezha',
  belovezh: 'belovezha',
  bialowieza: 'belovezha',
  bilovezka: 'belovezha',
  bilovezki: 'belovezha',
  belovezhskie: 'belovezha',
  belovezhskiye: 'belovezha',
  kharkov: 'kharkiv',
  odessa: 'odesa',
  donbas: 'donbass',
  crimean: 'crimea',
  krym: 'crimea',
  krim: 'crimea',
  sevastopil: 'sevastopol',
  kherson: 'kherson',
  cherson: 'kherson',
  memorandum: 'memorandum',
  memorandom: 'memorandum',
  budapeshtskyi: 'budapest',
  budapeshtskii: 'budapest',
  budapeshtskiy: 'budapest',
  budapeshtskyy: 'budapest',
  minskii: 'minsk 2',
  istanbul: 'istanbul',
  stambul: 'istanbul',
};

const romanNumerals: Readonly<Record<string, string>> = { ii: '2', iii: '3', iv: '4' };

const ordinals: Readonly<Record<string, string>> = {
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  '1st': '1',
  '2nd': '2',
  '3rd': '3',
  '4th': '4',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
};

/** Folds one string; safe on any input (the result has only [a-z0-9] words separated by spaces). */
export function normalize(text: string): string {
  const lower = text.toLowerCase();
  // Most words are plain ASCII already: the Unicode folding below is the cost of start-up.
  const latin = plainAscii.test(lower) ? lower : foldToLatin(lower);
  if (latin === '') return '';
  return foldWords(latin);
}

const plainAscii = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

// Printable ASCII ("russia's", "es-11/1") needs none of the Unicode steps below, only the punctuation.
const printableAscii = /^[ -~]*$/;

function foldToLatin(lower: string): string {
  if (printableAscii.test(lower)) {
    return lower
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return (
    lower
      .normalize('NFKC')
      .toLowerCase()
      // Word-first "ї" is "yi", as Ukraine's national transliteration has it; folded to "i", the
      // pronoun "її" became "ii" and so the numeral 2, and every "2" a stop word.
      .replace(/(^|[^\u0400-\u04ff])ї/g, '$1yi')
      .replace(/[\u0400-\u04ff]/g, (letter) => cyrillic[letter] ?? letter)
      .replace(/ł/g, 'l')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/['’ʼ`‘]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

function foldWords(latin: string): string {
  const words = latin.split(' ');
  const folded: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const previous = folded[folded.length - 1];
    if (romanNumerals[word]) {
      folded.push(romanNumerals[word]);
    } else if (
      word === 'i' &&
      previous !== undefined &&
      /[a-z]{3,}/.test(previous) &&
      i === words.length - 1
    ) {
      // "Minsk I" at the end of a query; a lone "i" elsewhere is the pronoun.
      folded.push('1');
    } else {
      folded.push(ordinals[word] ?? variants[word] ?? word);
    }
  }
  return folded.join(' ');
}

/** Words too common to say what a query is about. */
export const stopwords: ReadonlySet<string> = new Set(
  (
    'a an the of on in at to for and or by with from into about as is are was were be been being ' +
    'did do does done has have had what when who whom whose which where why how tell me us about ' +
    'please give show info information brief briefing on it its this that these those there their ' +
    'date year day signed sign signing ratified ratify ratification whats whens whos'
  ).split(' '),
);

/** The words of a folded string that carry meaning. */
export function contentWords(folded: string): string[] {
  return folded.split(' ').filter((word) => word !== '' && !stopwords.has(word));
}
