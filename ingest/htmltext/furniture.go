package htmltext

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"vanthu/corpus"
)

// furnitureLine matches, on corpus.MatchKey of a short line, the portal
// furniture of Vietnamese government sites: visitor counters ("Thống kê
// truy cập", "Hôm nay: 447", "Tổng lượt truy cập: 1.234.567"), feedback and
// sharing widgets ("Gửi ý kiến phản hồi", "Chia sẻ", "In trang"), back-to-top
// links. Lines of a document never consist of these words alone.
var furnitureLine = regexp.MustCompile(`^(\d+ )?(` +
	`thong ke truy cap|so luot truy cap|luot truy cap|tong luot truy cap|luot xem|` +
	`gui y kien phan hoi|y kien phan hoi|gui phan hoi|gui y kien|gop y|binh luan|danh sach binh luan|y kien binh luan|` +
	`chia se|in trang|in bai viet|ban in|gui email|gui cho ban be|luu tin|` +
	`quay lai|tro ve|ve dau trang|len dau trang|dau trang|xem tiep|xem them|doc tiep|` +
	`tin lien quan|cac tin khac|tin khac|bai viet lien quan|tin moi|tin moi nhat|tin doc nhieu|` +
	`dang nhap|dang ky|tim kiem|trang chu|so do site|so do trang|so do cong` +
	`)( \d+)*$`)

// counterLine matches visitor counters, which always carry a number
// ("Hôm nay: 447", "Đang truy cập: 23", "Tổng số: 98.765"); words like
// "Tổng số" alone can head a table row of a document, so the number is
// required.
var counterLine = regexp.MustCompile(`^(` +
	`luot truy cap hom nay|dang truy cap|dang online|dang truc tuyen|truc tuyen|online|` +
	`hom nay|hom qua|tuan nay|tuan truoc|thang nay|thang truoc|nam nay|` +
	`tong so|tong|tong cong|tat ca|khach|thanh vien|luot xem` +
	`)( \d+)+$`)

// dropFurniture removes furniture lines (only short ones are tested).
func dropFurniture(text string) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if len(l) < 80 {
			k := corpus.MatchKey(l)
			if k == "" && strings.TrimSpace(l) == "" {
				continue
			}
			if furnitureLine.MatchString(k) || counterLine.MatchString(k) {
				continue
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// boilerplate selects the containers removed before the fallback renders a
// whole page: navigation, headers, footers, sidebars, banners, counters,
// comment boxes. Class and id names from the portals of provinces
// (Sở Ngoại vụ sites built on the same few CMSs) and vbpl.vn.
const boilerplate = `nav, header, footer, aside, form[role=search], [role=navigation], [role=banner], [role=contentinfo], ` +
	`#menu, .menu, #header, .header, #footer, .footer, #sidebar, .sidebar, .banner, .breadcrumb, .box-map, ` +
	`[class*=menu], [id*=menu], [class*=footer], [id*=footer], [class*=sidebar], [class*=breadcrumb], ` +
	`[class*=thongke], [id*=thongke], [class*=counter], [id*=counter], [class*=visitor], [class*=comment], [id*=comment], ` +
	`[class*=share], [class*=social], [class*=related], [class*=lienquan], [class*=advert], [class*=quangcao], ` +
	`[class*=weblink], [class*=login], [class*=search], [id*=search]`

// fallbackText renders the body of doc without its boilerplate.
func fallbackText(doc *goquery.Document) string {
	body := doc.Find("body").First()
	if body.Length() == 0 {
		body = doc.Selection
	}
	c := body.Clone()
	c.Find(boilerplate).Remove()
	var parts []string
	for _, n := range c.Nodes {
		parts = append(parts, renderText(n))
	}
	return strings.Join(parts, "\n")
}
