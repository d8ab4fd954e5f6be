import Foundation
import ReportDocument
import RuleEngine

/// The dashboard's inline stylesheet and script (no external assets: the page must work offline).
extension HTMLDashboardReporter {
    static let css = """
    body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 24px 40px;color:#1d2733;background:#f6f7f9}
    h1{font-size:22px;margin:20px 0 2px}h2{font-size:17px;margin:26px 0 8px}.sub{color:#5b6675;margin:2px 0}
    .cards{display:flex;gap:12px;flex-wrap:wrap;margin-top:14px}.card{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:10px 18px;min-width:110px}
    .card .n{font-size:26px;font-weight:600}.cards.small .card{padding:6px 14px;min-width:90px}.cards.small .n{font-size:20px}
    .card.pass .n{color:#1e7b34}.card.fail .n{color:#b42318}.card.error .n{color:#8a5a00}
    section{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:4px 16px 14px;margin-top:16px}section.cards{background:none;border:0;padding:0}
    svg.chart{max-width:100%;height:auto}.lbl{font-size:13px;fill:#1d2733}.pct,.lg{font-size:12px;fill:#3d4754}
    .bg{fill:#e4e7eb}.bp{fill:#2e9e4f}.bf{fill:#d64535}
    .filters{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:center;margin-bottom:10px}.filters select,.filters input{font:inherit;max-width:260px}
    table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid #eceff3}
    th{background:#f0f2f5;position:sticky;top:0;white-space:nowrap}td.path{word-break:break-all;min-width:200px;max-width:420px}
    .tg{font:inherit;color:#174ea6;background:none;border:0;padding:0;cursor:pointer;text-align:left;word-break:break-all}.tg:before{content:"▸ ";color:#8a94a3}.tg[aria-expanded=true]:before{content:"▾ "}
    tr.d>td{background:#fafbfc;border-bottom:2px solid #dde2e8}
    .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;white-space:nowrap}.badge.pass{background:#dcf2e2;color:#1e7b34}
    .badge.fail{background:#fbe0dd;color:#b42318}.badge.error{background:#fdf0cc;color:#8a5a00}
    .rules span{display:inline-block;font-size:12px;border-radius:4px;padding:0 5px;margin:1px 0}.sev-error{background:#fbe0dd}.sev-warning{background:#fdf0cc}.sev-info{background:#e3ecfb}
    .detail{font-size:13px;margin:6px 0}.detail ul{padding-left:18px;margin:4px 0}.detail li{margin:3px 0;background:none}.detail li.na{color:#5b6675}
    .detail li.sev-error b{color:#b42318}.detail li.sev-warning b{color:#8a5a00}.ev{color:#3d4754;padding-left:18px}.ev code{color:#5b6675}
    .hint{color:#5b6675;font-size:12px}.err{color:#8a5a00}.meta{color:#5b6675}
    .chg{font-size:12px;white-space:nowrap}.chg-newly-failing{color:#b42318;font-weight:600}.chg-fixed{color:#1e7b34;font-weight:600}.chg-new{color:#174ea6}.chg-unchanged{color:#5b6675}
    .card.chg-newly-failing .n{color:#b42318}.card.chg-fixed .n{color:#1e7b34}
    footer{color:#8a94a3;margin-top:18px;font-size:12px}
    """

    /// Constant: reads the rows' data attributes and the filter controls; never evaluates report text.
    static let script = """
    (function(){
    var rows=Array.prototype.slice.call(document.querySelectorAll('#report-table tbody tr.r'));
    document.getElementById('report-table').addEventListener('click',function(ev){var b=ev.target.closest('.tg');if(!b)return;var d=b.closest('tr').nextElementSibling;d.hidden=!d.hidden;b.setAttribute('aria-expanded',d.hidden?'false':'true');});
    var ids=['f-verdict','f-rule','f-agency','f-year','f-change','f-text'];
    function val(id){var e=document.getElementById(id);return e?e.value:'';}
    function apply(){
    var v=val('f-verdict'),r=val('f-rule'),a=val('f-agency'),y=val('f-year'),c=val('f-change'),t=val('f-text').toLowerCase(),n=0;
    rows.forEach(function(tr){var d=tr.dataset;var ok=(!v||d.verdict===v)&&(!r||d.rules.indexOf(' '+r+' ')>=0)&&(!a||d.agency===a)&&(!y||d.year===y)&&(!c||d.change===c)&&(!t||tr.textContent.toLowerCase().indexOf(t)>=0);tr.style.display=ok?'':'none';if(!ok){tr.nextElementSibling.hidden=true;tr.querySelector('.tg').setAttribute('aria-expanded','false');}if(ok)n++;});
    document.getElementById('shown').textContent=n+' / '+rows.length;}
    ids.forEach(function(id){var e=document.getElementById(id);if(e){e.addEventListener('change',apply);e.addEventListener('input',apply);}});
    apply();})();
    """
}
