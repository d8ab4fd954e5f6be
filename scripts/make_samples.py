# Generates the made-up samples in Samples/ (fictitious agencies and figures): python3 scripts/make_samples.py
import io, zipfile, os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Samples'))

gbk_page = '''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
<title>青河县市场监督管理局2024年度法治政府建设情况报告 - 青河县人民政府</title>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta name="SiteName" content="青河县人民政府">
<meta name="ArticleTitle" content="青河县市场监督管理局2024年度法治政府建设情况报告">
<meta name="PubDate" content="2025-02-18 09:30">
<meta name="ContentSource" content="青河县市场监督管理局">
<link rel="stylesheet" href="/css/main.css">
<style>.nav li { float: left; } /* 导航样式 */</style>
<script type="text/javascript">var siteName = "青河县人民政府"; document.write("统计代码");</script>
</head>
<body>
<div class="top-bar"><a href="/login">登录</a> | <a href="/reg">注册</a> | <a href="/wza">无障碍浏览</a></div>
<div class="header"><img src="/logo.png" alt="青河县人民政府"><span>青河县人民政府门户网站</span></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="main">
  <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
  <div class="left-column">
    <div class="sidebar"><h3>热点专题</h3><ul><li><a href="#">优化营商环境专栏</a></li><li><a href="#">食品安全宣传周</a></li></ul></div>
  </div>
  <div class="right-column">
    <h1 class="article-title">青河县市场监督管理局2024年度法治政府建设情况报告</h1>
    <div class="info">发布时间：2025-02-18 09:30&nbsp;&nbsp;&nbsp;来源：青河县市场监督管理局&nbsp;&nbsp;浏览次数：<span id="count">128</span></div>
    <div class="TRS_Editor">
      <p style="text-indent:2em">2024年，县市场监督管理局在县委、县政府的坚强领导下，深入学习贯彻习近平法治思想，全面推进法治市场监管建设。现将有关情况报告如下。</p>
      <p><strong>一、2024年度推进法治政府建设的主要举措和成效</strong></p>
      <p>（一）强化组织领导。局党组书记、局长朱镕基层调研12次，召开党组会专题研究法治工作4次，印发《2024年法治建设工作要点》。</p>
      <p>（二）规范行政执法。全年办理行政处罚案件236件，罚没款86.5万元，行政执法案卷评查合格率100%。执法人员张喆获评全市优秀执法人员。</p>
      <p>二、推进法治政府建设存在的不足和原因</p>
      <p>一是基层执法力量不足；二是新兴业态监管经验欠缺。究其原因，主要是专业培训覆盖面不够，人员结构老化。</p>
      <p>三、党政主要负责人履行推进法治建设第一责任人职责情况</p>
      <p>主要负责人带头学法4次，带头讲法治课2次，亲自协调解决重大法治问题3件。本年度我局无行政诉讼案件，不涉及履行法院生效裁判情况。</p>
      <p>四、2025年度推进法治政府建设的主要安排</p>
      <p>2025年，我局将持续深化“谁执法谁普法”普法责任制，开展执法人员轮训2期。</p>
      <p style="text-align:right">青河县市场监督管理局</p>
      <p style="text-align:right">2025年2月10日</p>
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div class="print-close">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
  </div>
</div>
<div class="footer">
  <p>主办单位：青河县人民政府办公室　　版权所有：青河县人民政府</p>
  <p>网站标识码：1234000001　　京ICP备12345678号　　公网安备 11000002000001号</p>
</div>
<script>
  (function(){ var hm = document.createElement("script"); hm.src = "https://hm.example.com/hm.js"; })();
</script>
</body>
</html>
'''
with open('made_up_gbk_county_page.html', 'wb') as f:
    f.write(gbk_page.encode('gbk'))

table_page = '''<html>
<head>
<meta charset="utf-8">
<title>关于2024年度法治政府建设工作情况的报告_柳溪镇人民政府</title>
</head>
<body>
<table width="980" border="0" cellpadding="0" cellspacing="0">
  <tr><td colspan="2"><a href="/">网站首页</a> | <a href="/gk">信息公开</a> | <a href="/login">登录</a></td></tr>
  <tr>
    <td width="200" valign="top"><a href="/a">通知公告</a><br><a href="/b">政策法规</a><br><a href="/c">联系我们</a></td>
    <td width="780" valign="top">
      <table width="100%" class="xxgk-table">
        <tr><td>索引号</td><td>LX-2025-00012</td><td>发文机关</td><td>柳溪镇人民政府</td></tr>
        <tr><td>成文日期</td><td>２０２５年３月５日</td><td>发布日期</td><td>2025-03-06</td></tr>
      </table>
      <table width="100%">
        <tr><td align="center"><b>关于２０２４年度法治政府建设工作情况的报告</b></td></tr>
        <tr><td>
          县委、县政府：<br>
          　　２０２４年，我镇坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下：<br>
          　　一、主要举措和成效<br>
          　　（一）健全依法决策机制。全年召开党委会研究重大事项１８次，重大决策合法性审查率１００％。<br>
          　　（二）加强普法宣传。开展“法律进村”活动３６场次，发放宣传资料５２００余份。<br>
          　　二、存在的不足和原因<br>
          　　基层法治力量薄弱，原因在于法律专业人员配备不足。<br>
          　　三、主要负责人履行推进法治建设第一责任人职责情况<br>
          　　镇党委书记、镇长带头述法，全年主持专题学法４次。本镇全年未发生行政诉讼案件。<br>
          　　四、２０２５年工作安排<br>
          　　持续推进“八五”普法，完成村级法律顾问全覆盖。<br>
        </td></tr>
        <tr><td align="right">柳溪镇人民政府<br>２０２５年３月５日</td></tr>
      </table>
    </td>
  </tr>
  <tr><td colspan="2" align="center">版权所有：柳溪镇人民政府　技术支持：某某网络公司　ICP备00000000号</td></tr>
</table>
</body>
</html>
'''
with open('made_up_table_layout_page.html', 'w', encoding='utf-8') as f:
    f.write(table_page)

utf16_text = '''关于2024年度法治政府建设情况的报告

各位领导：

2024年，县司法局在县委县政府领导下，认真履行职责，法治政府建设取得新进展。

一、主要举措和成效
（一）推进行政复议体制改革。全年受理行政复议案件42件，办结40件。
（二）加强行政执法监督。开展执法案卷评查2次，评查案卷120卷。
二、存在的不足和原因
执法监督手段不多，主要原因是信息化平台建设滞后。
三、下一年度工作安排
2025年将建成行政执法监督平台。

东岭县司法局
2025年1月20日
'''
with open('made_up_utf16le_report.txt', 'wb') as f:
    f.write(b'\xff\xfe' + utf16_text.replace('\n', '\r\n').encode('utf-16-le'))

gb_text_lines = [
    '石门县教育局',
    '',
    '关于2024年度法治政府建设情况的报告',
    '',
    '2024年，我局深入学习贯彻习近平法治思想，认真落实法治政府建设各项任务，全面推进依法治',
    '',
    '— 1 —',
    '',
    '校工作，各项工作取得明显成效。现将有关情况报告如下：',
    '一、2024年度推进法治政府建设的主要举措和成效',
    '（一）完善依法决策机制。全年审查规范性文件6件，清理涉及教育领域的文件',
    '23件，废止3件。',
    '（二）加强校园法治宣传。开展“法治进校园”活动58场次，覆盖师生3.2万人次。',
    '二、2024年度推进法治政府建设存在的不足和原因',
    '部分学校法治副校长作用发挥不够，原因在于考核机制尚不健全。',
    '',
    '第 2 页 共 3 页',
    '',
    '三、2024年度党政主要负责人履行推进法治建设第一',
    '责任人职责情况',
    '局党组书记、局长带头学法，主持专题学法3次。',
    '四、2025年度推进法治政府建设的主要安排',
    '2025年，将重点推进教育行政执法规范化建设。',
    '',
    '- 3 -',
    '',
    '石门县教育局',
    '二〇二五年一月十五日',
]
with open('made_up_gb18030_pdf_text.txt', 'wb') as f:
    f.write('\r\n'.join(gb_text_lines).encode('gb18030') + b'\r\n')

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
def para(text, style=None, runs=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ''
    body = runs if runs is not None else f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f'<w:p>{ppr}{body}</w:p>'
body = ''.join([
    para('关于2024年度法治政府建设情况的报告', 'a3'),
    para('县委、县政府：'),
    para('2024年，县卫生健康局坚持依法行政，法治政府建设取得积极成效。'),
    para('主要举措和成效', '1'),
    para('强化组织领导', '2'),
    para(None, None, '<w:r><w:t>成立法治建设领导小组，召开专题会议</w:t></w:r><w:ins w:id="1" w:author="审核人"><w:r><w:t>6</w:t></w:r></w:ins><w:del w:id="2" w:author="审核人"><w:r><w:delText>5</w:delText></w:r></w:del><w:r><w:t>次。</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>全年办理行政处罚案件31件。</w:t></w:r><w:commentRangeEnd w:id="0"/>'),
    para('存在的不足和原因', '1'),
    para(None, None, '<w:r><w:t>执法人员不足。</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>原因在于编制紧张。</w:t></w:r>'),
    para('下一年度工作安排', '1'),
    para('2025年，将全面推行行政执法三项制度。'),
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2024年</w:t></w:r></w:p></w:tc></w:tr>'
    '<w:tr><w:tc><w:p><w:r><w:t>行政处罚案件</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>31件</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    para('南山县卫生健康局'),
    para('2025年2月1日'),
])
document_xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
styles_xml = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>
</w:styles>'''
content_types = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'''
core = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">2019-05-05T00:00:00Z</dcterms:created></cp:coreProperties>'''
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in [('[Content_Types].xml', content_types), ('word/document.xml', document_xml),
                       ('word/styles.xml', styles_xml), ('docProps/core.xml', core)]:
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
with open('made_up_docx_draft.docx', 'wb') as f:
    f.write(buf.getvalue())
