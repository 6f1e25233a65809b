// Package democorpus holds the sample corpus that `vanthu demo` builds: official
// documents and news about đoàn ra / đoàn vào written by the vanthu project
// itself, in the layout of real ones (state documents per Nghị định
// 30/2020/NĐ-CP, Party documents per Hướng dẫn 36-HD/VPTW). They are samples,
// not real documents: names, numbers and figures are made up, though the rules
// they state are those found in real directives (see DOMAIN.md).
package democorpus
