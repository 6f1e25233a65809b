// Package vnenc detects the encoding of Vietnamese text and converts it to NFC
// Unicode (TCVN 6909:2001, the form Nghị định 30/2020/NĐ-CP Phụ lục I requires).
//
// Vietnamese text reaches an archive in five forms besides UTF-8:
//
//   - UTF-16 with a byte-order mark (Notepad's "Unicode" files);
//   - windows-1258, the Windows code page for Vietnamese: it has precomposed
//     letters for the vowel modifiers (â ă ê ô ơ ư đ) but writes tones as
//     combining marks, so decoding yields decomposed text that must be
//     recomposed (NFC) before comparing or indexing;
//   - TCVN3 (ABC, TCVN 5712:1993 VN3), the 8-bit code of the ".VnTime" fonts:
//     one byte a precomposed lower-case letter, with only the seven base
//     capitals Ă Â Ê Ô Ơ Ư Đ; capital toned letters were drawn by switching to
//     the ".VnTimeH" font, so the bytes alone say lower case. Byte 0xAD is
//     "ư" but is the Latin-1 soft hyphen, which many tools drop silently;
//   - VNI (VNI-Windows fonts): an ASCII base letter followed by one or two
//     bytes that carry the modifier and the tone ("Vieät Nam");
//   - mojibake: UTF-8 that was once read as windows-1252 and saved again
//     ("Cá»™ng hÃ²a").
//
// The legacy codes are not self-describing: every byte string is "valid"
// windows-1258, TCVN3 and VNI at once. Detection therefore decodes a sample
// under every candidate and scores each result with a Vietnamese syllable
// grammar (onset + rhyme + one tone, with the rule that stop codas -c -ch -p
// -t take only the sắc or nặng tone): real text scores near 1, a wrong
// decoding produces letters no syllable allows. A declared charset wins
// unless another decoding scores clearly better, because declarations on
// Vietnamese portals are often wrong (pages labelled iso-8859-1 that are
// windows-1258, "UTF-8" files that hold TCVN3 mojibake).
//
// The output of Decode is always valid UTF-8 in NFC. The package holds no
// mutable state; its tables are built once at start-up and only read.
package vnenc
