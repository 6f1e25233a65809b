package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Readable casing of names printed in capitals (issuing bodies, signer titles).
//
// Nghị định 30/2020/NĐ-CP, Phụ lục II (viết hoa) capitalises, in the name of a
// body, the first letter of the word naming its kind and of the words naming
// its field ("Bộ Giáo dục và Đào tạo", "Ban Tổ chức", "Sở Ngoại vụ", "Cục Hợp
// tác quốc tế"), writes "Ủy ban nhân dân" and "Hội đồng nhân dân" with one
// capital, keeps the kind of an administrative unit in lower case before its
// name ("tỉnh Quảng Ngãi", "thành phố Hà Nội") and capitalises every syllable
// of a place name. Titles follow the same rule ("Trưởng ban", "Phó Chủ tịch",
// "Chánh Văn phòng"). readableName implements that much; it cannot know every
// proper noun, which is why the spans point back at the capitals as printed.

// abbrev expands abbreviations seen in headers, by their folded upper form.
var abbrev = map[string]string{
	"UBND": "ỦY BAN NHÂN DÂN", "HDND": "HỘI ĐỒNG NHÂN DÂN", "TP": "THÀNH PHỐ", "TP.": "THÀNH PHỐ",
	"MTTQ": "MẶT TRẬN TỔ QUỐC", "TW": "TRUNG ƯƠNG", "TP.HCM": "THÀNH PHỐ HỒ CHÍ MINH",
	"HCM": "HỒ CHÍ MINH",
}

// adminUnits name the kind of an administrative unit; the words after them are
// a place name. Folded, lower case, longest first.
var adminUnits = []string{"thanh pho", "thi xa", "thi tran", "dac khu", "tinh", "huyen", "quan", "xa", "phuong"}

// partyCommittees are followed by a place name ("Thành ủy Hà Nội").
var partyCommittees = []string{"thanh uy", "tinh uy", "huyen uy", "quan uy", "thi uy", "dang uy", "xa uy", "phuong uy"}

// heads are the words naming the kind of a body (or a title): the next word
// starts its field and is capitalised. Folded, lower case, longest first.
var heads = []string{
	"uy ban nhan dan", "hoi dong nhan dan", "mat tran to quoc",
	"tong cuc", "chi cuc", "hoc vien", "dai hoc", "trung tam", "van phong", "bo chi huy", "kho bac", "toa an",
	"vien kiem sat", "kiem toan", "uy ban", "hoi dong", "lien doan", "cong an", "thanh tra", "truong",
	"bo", "ban", "so", "cuc", "vu", "vien", "phong", "hoi", "dai", "bao", "doan",
	// titles
	"pho chanh", "chanh", "truong", "pho truong", "giam doc", "pho giam doc", "chu tich", "pho chu tich",
	"bo truong", "thu truong", "cuc truong", "vu truong", "bi thu", "pho bi thu", "thu tuong", "pho thu tuong",
	"chu nhiem", "pho chu nhiem", "tong giam doc", "chanh an", "vien truong",
}

// noField are heads whose following words are not capitalised.
var noField = map[string]bool{"uy ban nhan dan": true, "hoi dong nhan dan": true, "mat tran to quoc": true,
	"chu tich": true, "pho chu tich": true, "bo truong": true, "thu truong": true, "giam doc": true, "pho giam doc": true,
	"cuc truong": true, "vu truong": true, "bi thu": true, "pho bi thu": true, "thu tuong": true, "pho thu tuong": true,
	"chu nhiem": true, "pho chu nhiem": true, "tong giam doc": true, "chanh an": true, "vien truong": true,
	"truong": true, "pho truong": true}

// proper are phrases always written with capitals, by folded lower form.
var proper = map[string]string{
	"quoc hoi": "Quốc hội", "chinh phu": "Chính phủ", "trung uong": "Trung ương", "viet nam": "Việt Nam",
	"bo chinh tri": "Bộ Chính trị", "ban bi thu": "Ban Bí thư", "thuong vu": "Thường vụ", "dang": "Đảng",
	"to quoc": "Tổ quốc", "chu tich nuoc": "Chủ tịch nước", "nha nuoc": "Nhà nước", "van phong": "Văn phòng",
	"chap hanh": "Chấp hành",
}

// readableName rewrites a name printed in capitals in the casing of Phụ lục II:
// "BAN TỔ CHỨC" → "Ban Tổ chức", "UBND TỈNH QUẢNG NGÃI" → "Ủy ban nhân dân
// tỉnh Quảng Ngãi", "TRƯỞNG BAN" → "Trưởng ban". Text that is not in capitals
// is returned as written (only spaces collapsed).
func readableName(s string) string {
	s = collapse(s)
	if !isCaps(s) {
		return s
	}
	var toks []string
	for _, w := range strings.Fields(s) {
		if e, ok := abbrev[strings.ToUpper(strings.Trim(foldKeep(w), ",;"))]; ok {
			toks = append(toks, strings.Fields(strings.ToLower(e))...)
			continue
		}
		toks = append(toks, strings.ToLower(w))
	}
	keys := make([]string, len(toks))
	for i, w := range toks {
		keys[i] = fold(w)
	}
	out := make([]string, len(toks))
	copy(out, toks)
	trimmed := trimKeys(keys)
	match := func(i int, ps []string) int { // words of phrase ps matched at i, or 0
		if i+len(ps) > len(trimmed) {
			return 0
		}
		for j, p := range ps {
			if trimmed[i+j] != p {
				return 0
			}
		}
		return len(ps)
	}
	place := false  // inside a place name: capitalise every word
	capNext := true // capitalise the next word (start of a name or field)
	for i := 0; i < len(toks); {
		if n := longest(i, match, partyCommitteeWords); n > 0 {
			out[i] = capFirst(out[i])
			i += n
			place, capNext = true, false
			continue
		}
		if n := longest(i, match, adminUnitWords); n > 0 && match(i, xaHoi) == 0 {
			if i == 0 {
				out[i] = capFirst(out[i])
			}
			i += n
			place, capNext = true, false
			continue
		}
		if n := longest(i, match, properWords); n > 0 {
			ws := strings.Fields(proper[strings.Join(trimKeys(keys[i:i+n]), " ")])
			for j := 0; j < n && j < len(ws); j++ {
				out[i+j] = ws[j] + trailingPunct(toks[i+j])
			}
			i += n
			capNext = false
			continue
		}
		if capNext || place {
			if n := longest(i, match, headWords); n > 0 && !place {
				out[i] = capFirst(out[i])
				h := strings.Join(trimKeys(keys[i:i+n]), " ")
				if strings.HasPrefix(h, "pho ") && n > 1 {
					// "Phó Chủ tịch", "Phó Trưởng ban": the title after "Phó" keeps its capital.
					out[i+1] = capFirst(out[i+1])
				}
				i += n
				capNext = !noField[h]
				continue
			}
			out[i] = capFirst(out[i])
			i++
			capNext = false
			continue
		}
		switch keys[i] {
		case "va", "-":
			// "Bộ Giáo dục và Đào tạo", "Lao động - Thương binh và Xã hội":
			// each part of a compound field starts with a capital.
			i++
			capNext = i < len(toks) && !place && fieldContinues(keys, i)
			continue
		}
		i++
	}
	return strings.Join(out, " ")
}

// fieldContinues reports whether the word after "và" still belongs to a field
// name: it does unless it starts a new body ("và Ủy ban ...").
func fieldContinues(keys []string, i int) bool {
	for _, h := range []string{"uy", "hoi", "so", "bo"} {
		if keys[i] == h {
			return false
		}
	}
	return true
}

func longest(i int, match func(int, []string) int, phrases [][]string) int {
	best := 0
	for _, p := range phrases {
		if n := match(i, p); n > best {
			best = n
		}
	}
	return best
}

// properKeys are the keys of proper (in no order: longest and orgLike
// do not depend on it).
var properKeys = keysOf(proper)

// The phrases readableName looks for, split into their words once.
var (
	partyCommitteeWords = wordsOf(partyCommittees)
	adminUnitWords      = wordsOf(adminUnits)
	properWords         = wordsOf(properKeys)
	headWords           = wordsOf(heads)
	xaHoi               = []string{"xa", "hoi"}
)

func wordsOf(phrases []string) [][]string {
	out := make([][]string, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Fields(p)
	}
	return out
}

func keysOf(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func trimKeys(ks []string) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = strings.Trim(k, ",;.")
	}
	return out
}

func trailingPunct(w string) string {
	t := strings.TrimRight(w, ",;.")
	return w[len(t):]
}

func capFirst(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}

// foldKeep folds diacritics but keeps case ("HĐND" → "HDND").
func foldKeep(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'Đ':
			r = 'D'
		case 'đ':
			r = 'd'
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(fold(b.String()))
}

// surnames are the family names that start most Vietnamese names, folded.
// A signer's name of two words is taken only when it starts with one: OCR
// that lost the first word of "Nguyễn Minh Khoa" under a seal leaves "Minh
// Khoa", which reads like a name but is not the signer's.
var surnames = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao doan
		vuong trinh truong lam phung mai to ha ta chau luu luong dinh cao thai la kieu quach tang trieu mac giang
		khong hua lai chu nong lo manh au diep khuc ton that thach kim quan tong van nghiem hong bach ong`) {
		surnames[s] = true
	}
}

// fullName reports whether a name read under a signature block is whole:
// three words or more, or two starting with a family name.
func fullName(s string) bool {
	ws := strings.Fields(s)
	return len(ws) >= 3 || len(ws) == 2 && surnames[fold(ws[0])]
}
