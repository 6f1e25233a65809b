// Package corpus holds vanthu's domain: the official document (Document) with the
// metadata derived from its text, the versions it arrived as, the document number
// (DocNumber, "số ký hiệu"), citations and quantitative rules, and the Store
// interface every storage backend implements.
//
// # Identity
//
// Two inputs are the same official document when their normalised number, issuer
// and date of issue agree (IdentityKey). State numbers are unique per issuer and
// year (Nghị định 30/2020/NĐ-CP, Điều 15); Party numbers run per term, so the date
// is part of the key. Inputs without a number (news, pages) are identified by
// their source (URL or path), records imported from other systems by the id they
// carry, and anything else by the sha256 of its bytes. The document id (DocID) is
// derived from the key alone, so every store, on any machine, names the same
// document the same way and writes stay idempotent.
//
// # Versions and originals
//
// Originals are immutable blobs named by the sha256 of their bytes. A Document is
// the newest view of an official document; Versions lists every distinct original
// it arrived as (a re-stamped PDF, the HTML page and the PDF attachment), newest
// last, each with its provenance.
//
// # Vietnamese text
//
// NFC puts text in composed form; Fold maps every Vietnamese letter to ASCII
// (đ→d included, precomposed or decomposed marks alike) for accent-free matching;
// NormalizeTone puts tone marks in one place ("hoà"→"hòa") so old and new spelling
// compare equal. Numbers are compared through DocNumber.Key, which ignores case,
// diacritics, spaces, leading zeros and the choice of separators.
package corpus
