// Package annualdoc turns the register's yearly data (register.Plan,
// register.AnnualReport: which trips, counted how) into the values package
// generate lays out (generate.AnnualPlan, generate.AnnualReport): the
// register and generate never import each other, so the CLI and the web
// desk meet here. The issuing office's header comes from the unit's trips
// (their issuer, parent body, place and signer) unless the caller says
// otherwise.
package annualdoc
