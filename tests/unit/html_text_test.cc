#include "ingest/html_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sitrep::ingest {
namespace {

std::string read_corpus(const std::string& name) {
  std::ifstream in(std::string(SITREP_SOURCE_DIR) + "/fuzz/corpus/html/" + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> texts(const HtmlDocument& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) out.push_back(b.text);
  return out;
}

std::string joined(const HtmlDocument& doc) {
  std::string out;
  for (const Block& b : doc.blocks) out += b.text + "\n";
  return out;
}

// Every exact segment maps clean bytes to the identical original bytes, and
// segments are ordered, in bounds and non-overlapping.
void expect_segments_sound(std::string_view html, const HtmlDocument& doc) {
  for (const Block& b : doc.blocks) {
    EXPECT_FALSE(b.text.empty());
    EXPECT_EQ(b.text.find('\n'), std::string::npos) << b.text;
    size_t prev_end = 0;
    for (const OffsetSegment& s : b.segments) {
      ASSERT_GE(s.clean_begin, prev_end) << b.text;
      ASSERT_LE(size_t{s.clean_begin} + s.length, b.text.size()) << b.text;
      prev_end = size_t{s.clean_begin} + s.length;
      if (!s.exact) continue;
      ASSERT_LE(size_t{s.orig_begin} + s.length, html.size());
      EXPECT_EQ(std::string_view(b.text).substr(s.clean_begin, s.length), html.substr(s.orig_begin, s.length))
          << "block: " << b.text;
    }
  }
}

// The original offset of clean byte `clean` of block `b`, or -1.
long orig_of(const Block& b, size_t clean) {
  for (const OffsetSegment& s : b.segments)
    if (clean >= s.clean_begin && clean < size_t{s.clean_begin} + s.length)
      return s.exact ? static_cast<long>(s.orig_begin + (clean - s.clean_begin)) : static_cast<long>(s.orig_begin);
  return -1;
}

double exact_share(const HtmlDocument& doc) {
  size_t exact = 0, total = 0;
  for (const Block& b : doc.blocks) {
    total += b.text.size();
    for (const OffsetSegment& s : b.segments)
      if (s.exact) exact += s.length;
  }
  return total == 0 ? 0 : static_cast<double>(exact) / static_cast<double>(total);
}

TEST(HtmlText, ParagraphsAndHeadings) {
  const std::string html =
      "<html><body><h1>Clashes near the border</h1><p>First paragraph.</p>"
      "<h2>Background</h2><p>Second\n   paragraph, <b>bold</b> and <i>italic</i>.</p></body></html>";
  const HtmlDocument doc = parse_html(html);
  ASSERT_EQ(doc.blocks.size(), 4u);
  EXPECT_EQ(texts(doc), (std::vector<std::string>{"Clashes near the border", "First paragraph.", "Background",
                                                   "Second paragraph, bold and italic."}));
  EXPECT_EQ(doc.blocks[0].kind, ParagraphKind::kHeading);
  EXPECT_EQ(doc.blocks[1].kind, ParagraphKind::kBody);
  EXPECT_EQ(doc.blocks[2].kind, ParagraphKind::kHeading);
  EXPECT_EQ(doc.blocks[3].kind, ParagraphKind::kBody);
  expect_segments_sound(html, doc);
  // A clean run without collapsed whitespace is one exact segment.
  ASSERT_EQ(doc.blocks[1].segments.size(), 1u);
  EXPECT_TRUE(doc.blocks[1].segments[0].exact);
  EXPECT_EQ(doc.blocks[1].segments[0].orig_begin, html.find("First paragraph."));
}

TEST(HtmlText, WhitespaceAndInlineElements) {
  const std::string html = "<p>  foo\n\t<b>bar</b>baz   qux&nbsp;&nbsp;quux </p><p> \n </p><p>a<span>b</span> c</p>";
  const HtmlDocument doc = parse_html(html);
  EXPECT_EQ(texts(doc), (std::vector<std::string>{"foo barbaz qux quux", "ab c"}));
  expect_segments_sound(html, doc);
}

TEST(HtmlText, NestedBlocksDoNotDuplicateText) {
  const std::string html =
      "<div>intro <div><p>inner one</p><p>inner two</p></div> tail<br>after break</div>"
      "<ul><li>item <p>para in item</p></li></ul><table><tr><td>cell a</td><td>cell b</td></tr></table>";
  const HtmlDocument doc = parse_html(html);
  EXPECT_EQ(texts(doc), (std::vector<std::string>{"intro", "inner one", "inner two", "tail", "after break", "item",
                                                   "para in item", "cell a", "cell b"}));
  EXPECT_EQ(doc.blocks[5].kind, ParagraphKind::kListItem);
  EXPECT_EQ(doc.blocks[6].kind, ParagraphKind::kListItem);  // a <p> inside an <li> stays a list item
  expect_segments_sound(html, doc);
}

TEST(HtmlText, KindsForCaptionsQuotesAndLists) {
  const std::string html =
      "<body><p>Body text here.</p><figure><img src=x.jpg><figcaption>Smoke over the city</figcaption></figure>"
      "<div class=\"image-caption\">Photo: Reuters</div><blockquote><p>We will not leave.</p></blockquote>"
      "<ol><li>first</li><li>second</li></ol></body>";
  const HtmlDocument doc = parse_html(html);
  ASSERT_EQ(doc.blocks.size(), 6u);
  EXPECT_EQ(doc.blocks[0].kind, ParagraphKind::kBody);
  EXPECT_EQ(doc.blocks[1].kind, ParagraphKind::kCaption);
  EXPECT_EQ(doc.blocks[1].text, "Smoke over the city");
  EXPECT_EQ(doc.blocks[2].kind, ParagraphKind::kCaption);
  EXPECT_EQ(doc.blocks[3].kind, ParagraphKind::kQuote);
  EXPECT_EQ(doc.blocks[3].text, "We will not leave.");
  EXPECT_EQ(doc.blocks[4].kind, ParagraphKind::kListItem);
  EXPECT_EQ(doc.blocks[5].text, "second");
}

TEST(HtmlText, ScriptStyleAndTemplatesIgnored) {
  const std::string html =
      "<html><head><style>p { color: red; }</style><script>var secret = 'script text';</script></head>"
      "<body><p>Visible.</p><script>document.write('more script');</script><noscript>Enable JS</noscript>"
      "<template><p>template text</p></template><svg><text>svg label</text></svg>"
      "<form><label>Search</label><input value=q><button>Go</button></form><p>Also visible.</p></body></html>";
  const HtmlDocument doc = parse_html(html);
  EXPECT_EQ(texts(doc), (std::vector<std::string>{"Visible.", "Also visible."}));
  expect_segments_sound(html, doc);
}

TEST(HtmlText, BoilerplateContainersDropped) {
  const std::string html =
      "<body class=\"has-sidebar with-comments\">"
      "<div class=\"cookie-banner\">We use cookies.</div>"
      "<header class=\"site-header\"><a href=/>Daily Bugle</a></header>"
      "<nav><a href=/world>World</a></nav>"
      "<ul role=\"navigation\"><li>Home</li></ul>"
      "<div class=\"breadcrumbs\">Home &gt; World</div>"
      "<div id=\"content\"><p>The convoy was hit at dawn.</p>"
      "<div class=\"c-share__bar\">Share on Facebook</div>"
      "<div class=\"social-links\">Follow us</div>"
      "<p class=\"article-header-title\">Officials confirmed the attack.</p>"
      "<p class=\"shareholder-note\">Shareholders were not affected.</p>"
      "<div class=\"ad-slot\">Advertisement</div><div class=\"sponsored\">Paid post</div>"
      "<div class=\"newsletter-signup\">Sign up</div><div class=\"subscribe\">Subscribe now</div>"
      "<div class=\"related-stories\">Related: other news</div>"
      "<div class=\"recommended\">You may also like</div><div class=\"promo\">Promo</div>"
      "<section id=\"comments\"><p>First!</p></section>"
      "<p hidden>hidden text</p><p style=\"display: none\">styled away</p>"
      "<span class=\"visually-hidden\">Image source,</span>"
      "</div><aside>Most read</aside><div class=\"sidebar\">Sidebar</div>"
      "<footer><p>Copyright 2024</p></footer><div class=\"site-footer\">Contact</div></body>";
  const HtmlDocument doc = parse_html(html);
  EXPECT_EQ(texts(doc), (std::vector<std::string>{"The convoy was hit at dawn.", "Officials confirmed the attack.",
                                                   "Shareholders were not affected."}))
      << joined(doc);
  expect_segments_sound(html, doc);
}

TEST(HtmlText, ArticleChosenAsMainContent) {
  std::string html = "<body><div class=\"intro\"><p>Site-wide teaser text that is not boilerplate by name.</p></div>";
  html += "<article><header><h1>Convoy attacked</h1><p class=\"byline\">By A. Reporter</p></header>";
  for (int i = 0; i < 6; ++i)
    html += "<p>Paragraph " + std::to_string(i) + " of the article body, with enough words to count as text.</p>";
  html += "</article><div><p>Trending: celebrity gossip and more unrelated text below the story.</p></div></body>";
  const HtmlDocument doc = parse_html(html);
  ASSERT_EQ(doc.blocks.size(), 8u) << joined(doc);
  EXPECT_EQ(doc.blocks[0].text, "Convoy attacked");  // an article's own <header> is kept
  EXPECT_EQ(doc.blocks[0].kind, ParagraphKind::kHeading);
  EXPECT_EQ(doc.blocks[1].text, "By A. Reporter");
  EXPECT_EQ(doc.blocks.back().text, "Paragraph 5 of the article body, with enough words to count as text.");
  expect_segments_sound(html, doc);
}

TEST(HtmlText, SmallArticleDoesNotHideThePage) {
  std::string html = "<body>";
  for (int i = 0; i < 20; ++i) html += "<p>Body paragraph " + std::to_string(i) + " with a fair amount of text in it.</p>";
  html += "<article><p>A short teaser card.</p></article></body>";
  const HtmlDocument doc = parse_html(html);
  EXPECT_EQ(doc.blocks.size(), 21u);
}

TEST(HtmlText, RoleMainAndArticleBodyAreCandidates) {
  std::string body;
  for (int i = 0; i < 5; ++i) body += "<p>Main paragraph " + std::to_string(i) + " with plenty of words inside.</p>";
  const std::string html = "<body><div><p>Outside one.</p></div><div role=\"main\">" + body +
                           "</div><div><p>Outside two.</p></div></body>";
  const HtmlDocument doc = parse_html(html);
  ASSERT_EQ(doc.blocks.size(), 5u);
  EXPECT_EQ(doc.blocks[0].text, "Main paragraph 0 with plenty of words inside.");
  const std::string html2 = "<body><p>Outside.</p><div itemprop=\"articleBody\">" + body + "</div></body>";
  EXPECT_EQ(parse_html(html2).blocks.size(), 5u);
}

TEST(HtmlText, MetadataFromMetaTags) {
  const std::string html = R"(<!DOCTYPE html><html lang="uk"><head>
    <title>Page title - Site</title>
    <meta property="og:title" content="OG &amp; title">
    <meta property="og:site_name" content="Kyiv Ledger">
    <meta property="og:url" content="https://ledger.example/og">
    <link rel="canonical" href="https://ledger.example/canonical">
    <meta name="author" content="Olena Kovalenko">
    <meta http-equiv="last-modified" content="2024-02-02">
    <meta name="last-modified" content="2024-02-03">
    <meta property="article:published_time" content="2024-02-01T07:00:00+02:00">
    <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-31","author":{"name":"Other"}}</script>
    </head><body><h1>Heading</h1><p>Text.</p></body></html>)";
  const HtmlDocument doc = parse_html(html);
  EXPECT_EQ(doc.meta.title, "OG & title");
  EXPECT_EQ(doc.meta.site_name, "Kyiv Ledger");
  EXPECT_EQ(doc.meta.url, "https://ledger.example/canonical");
  EXPECT_EQ(doc.meta.author, "Olena Kovalenko");
  EXPECT_EQ(doc.meta.published, "2024-02-01T07:00:00+02:00");
  EXPECT_EQ(doc.meta.published_from, "meta article:published_time");
  EXPECT_EQ(doc.meta.language, "uk");
}

TEST(HtmlText, MetadataFallbacks) {
  HtmlDocument doc = parse_html(
      "<html><head><title> Plain\n title </title><meta property=\"og:url\" content=\"https://x.example/a\">"
      "<meta name=\"application-name\" content=\"X News\"><meta name=\"byl\" content=\"By Sam Jones\">"
      "<meta name=\"last-modified\" content=\"2020-01-01\"></head><body><h1>H</h1></body></html>");
  EXPECT_EQ(doc.meta.title, "Plain title");
  EXPECT_EQ(doc.meta.url, "https://x.example/a");
  EXPECT_EQ(doc.meta.site_name, "X News");
  EXPECT_EQ(doc.meta.author, "Sam Jones");
  EXPECT_FALSE(doc.meta.published.has_value());  // last-modified is not a publication date
  EXPECT_FALSE(doc.meta.language.has_value());

  doc = parse_html("<body><h1>Only <em>a</em> heading</h1><p>By <a rel=\"author\" href=/x>Kim Lee</a></p></body>");
  EXPECT_EQ(doc.meta.title, "Only a heading");
  EXPECT_EQ(doc.meta.author, "Kim Lee");

  doc = parse_html("<head><meta name=\"pubdate\" content=\"20190304\"><meta name=\"date\" content=\"x\"></head><p>t</p>");
  EXPECT_EQ(doc.meta.published, "20190304");
  EXPECT_EQ(doc.meta.published_from, "meta pubdate");

  doc = parse_html("<body><span itemprop=\"datePublished\" content=\"2018-05-06\">6 May</span>"
                   "<meta name=\"dc.date\" content=\"2018-05-07\"></body>");
  EXPECT_EQ(doc.meta.published, "2018-05-06");
  EXPECT_EQ(doc.meta.published_from, "itemprop datePublished");

  doc = parse_html("<meta property=\"article:author\" content=\"https://facebook.com/someone\">"
                   "<meta name=\"author\" content=\"\"><p>t</p>");
  EXPECT_FALSE(doc.meta.author.has_value());
}

TEST(HtmlText, JsonLdWithGraph) {
  const std::string html = R"(<html><head><title>Fallback title</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Site"},
      {"@type":"WebPage","datePublished":"2001-01-01"},
      {"@type":["NewsArticle"],"headline":"Graph headline","datePublished":"2021-06-07T10:00:00Z",
       "dateModified":"2021-06-08T10:00:00Z",
       "author":[{"@type":"Person","name":"Ana Lima"},{"@type":"Person","name":"Ben Cho"}]}]}</script>
    <script type="application/ld+json">{ not json at all</script>
    </head><body><p>Text.</p></body></html>)";
  const HtmlDocument doc = parse_html(html);
  EXPECT_EQ(doc.meta.title, "Graph headline");
  EXPECT_EQ(doc.meta.published, "2021-06-07T10:00:00Z");
  EXPECT_EQ(doc.meta.published_from, "json-ld datePublished");
  EXPECT_EQ(doc.meta.author, "Ana Lima, Ben Cho");
  EXPECT_EQ(texts(doc), std::vector<std::string>{"Text."});
}

TEST(HtmlText, TimeDatetimeInsideMainContent) {
  std::string body;
  for (int i = 0; i < 5; ++i) body += "<p>Story paragraph " + std::to_string(i) + " has some words in it.</p>";
  const std::string html = "<body><div class=\"widget\"><time datetime=\"1999-09-09\">old</time></div>"
                           "<article><time datetime=\"2022-03-04T05:06:07Z\">4 March</time>" +
                           body + "</article></body>";
  const HtmlDocument doc = parse_html(html);
  EXPECT_EQ(doc.meta.published, "2022-03-04T05:06:07Z");
  EXPECT_EQ(doc.meta.published_from, "time[datetime]");
}

TEST(HtmlText, EntitiesDecodedWithInexactSegments) {
  const std::string html = "<p>Smith&#8217;s house &amp; garden &eacute;t&eacute; &lt;b&gt;</p>";
  const HtmlDocument doc = parse_html(html);
  ASSERT_EQ(doc.blocks.size(), 1u);
  const Block& b = doc.blocks[0];
  EXPECT_EQ(b.text, "Smith\u2019s house & garden \u00e9t\u00e9 <b>");
  expect_segments_sound(html, doc);
  bool saw_inexact = false;
  for (const OffsetSegment& s : b.segments) saw_inexact |= !s.exact;
  EXPECT_TRUE(saw_inexact);
  // The decoded apostrophe maps to its reference; the words around it exactly.
  EXPECT_EQ(orig_of(b, b.text.find("\u2019")), static_cast<long>(html.find("&#8217;")));
  EXPECT_EQ(orig_of(b, b.text.find("house")), static_cast<long>(html.find("house")));
  EXPECT_EQ(orig_of(b, b.text.find("garden")), static_cast<long>(html.find("garden")));
  EXPECT_EQ(orig_of(b, 0), static_cast<long>(html.find("Smith")));
}

TEST(HtmlText, RealisticPageExactSegmentsMatchOriginal) {
  const std::string html = read_corpus("news_page.html");
  ASSERT_GT(html.size(), 3000u);
  const HtmlDocument doc = parse_html(html);
  expect_segments_sound(html, doc);
  EXPECT_GT(exact_share(doc), 0.9);
  const std::string all = joined(doc);
  EXPECT_NE(all.find("At least 12 people were killed"), std::string::npos);
  EXPECT_NE(all.find("\u201cThere was no warning at all,\u201d said Miriam Osei"), std::string::npos);
  EXPECT_NE(all.find("The town\u2019s only hospital"), std::string::npos);
  for (const char* dropped : {"Share on", "cookies", "Comments", "Most read", "Sign up", "Advertisement",
                              "Ceasefire talks", "Politics", "rights reserved", "dataLayer", "font-family"})
    EXPECT_EQ(all.find(dropped), std::string::npos) << dropped;
  EXPECT_EQ(doc.meta.title, "Shelling hits Korvane market, killing at least 12");
  EXPECT_EQ(doc.meta.site_name, "The Meridian Courier");
  EXPECT_EQ(doc.meta.url, "https://courier.example/world/korvane-market-shelling");
  EXPECT_EQ(doc.meta.author, "Lena Hartmann");
  EXPECT_EQ(doc.meta.published, "2023-03-14T09:42:00Z");
  EXPECT_EQ(doc.meta.language, "en-GB");
  // The quote points at the paragraph, not the <title> or the meta tags.
  for (const Block& b : doc.blocks) {
    const size_t at = b.text.find("Korvane on Tuesday morning, the regional");
    if (at == std::string::npos) continue;
    const long orig = orig_of(b, at);
    ASSERT_GE(orig, 0);
    EXPECT_EQ(html.substr(static_cast<size_t>(orig), 7), "Korvane");
    EXPECT_GT(static_cast<size_t>(orig), html.find("<p>At least 12"));
  }

  const std::string fr = read_corpus("entities_jsonld.html");
  const HtmlDocument fr_doc = parse_html(fr);
  expect_segments_sound(fr, fr_doc);
  EXPECT_GT(exact_share(fr_doc), 0.7);
  EXPECT_EQ(fr_doc.meta.language, "fr");
  EXPECT_EQ(fr_doc.meta.author, "Jean-Paul Marchetti");
  EXPECT_EQ(fr_doc.meta.published_from, "json-ld datePublished");
}

TEST(HtmlText, MalformedInputDoesNotCrash) {
  static const char kBinary[] = "\x00\x01\x02\xff\xfe<p>\x80\xc3\x28 bad \xed\xa0\x80 utf8\x00 nul</p>";
  const std::vector<std::string> inputs = {
      "",
      "<",
      "</div></div></p>",
      "<p>unclosed <b>bold <i>italic <div>block</p> text</b>",
      "<html><body><div><p>a</div></div></div></span><p>b",
      "<!-- never closed <p>x</p>",
      "<p attr=\"never closed>text</p>",
      "<script>if (a < b) {</script><p>after</p>",
      std::string(kBinary, sizeof(kBinary) - 1),
      "&amp &#x; &#99999999; &#0; &unknown; &",
      std::string(1000, '<') + std::string(1000, '>'),
      std::string(100000, 'a') + "&amp;",
  };
  for (const std::string& html : inputs) {
    const HtmlDocument doc = parse_html(html);
    expect_segments_sound(html, doc);
  }
  EXPECT_TRUE(parse_html("").blocks.empty());
  const HtmlDocument doc = parse_html("<html><body><div><p>a</div></div></div></span><p>b");
  EXPECT_EQ(texts(doc), (std::vector<std::string>{"a", "b"}));

  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += "deep text";
  const HtmlDocument deep_doc = parse_html(deep);
  expect_segments_sound(deep, deep_doc);
}

TEST(HtmlText, LibxmlIsQuiet) {
  testing::internal::CaptureStderr();
  parse_html("<p>\xff\xfe bad <b>unclosed</i></p></div><!-- x");
  parse_html("<meta charset=\"no-such-charset\"><p>x\x93y</p>");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(HtmlText, Windows1252DecodedToUtf8) {
  const std::string html = read_corpus("windows1252.html");
  const HtmlDocument doc = parse_html(html);
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text,
            "The caf\u00e9\u2019s owner said \u201cwe heard two blasts\u201d at 9\u2013 10 p.m.");
  EXPECT_EQ(doc.meta.title, "Caf\u00e9 attack");
  expect_segments_sound(html, doc);
  EXPECT_EQ(orig_of(doc.blocks[0], doc.blocks[0].text.find("owner")), static_cast<long>(html.find("owner")));
}

TEST(HtmlText, ThreadSafe) {
  const std::string html = read_corpus("news_page.html");
  const std::vector<std::string> expected = texts(parse_html(html));
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) ok[static_cast<size_t>(t)] += texts(parse_html(html)) == expected;
    });
  for (std::thread& t : threads) t.join();
  for (int v : ok) EXPECT_EQ(v, 10);
}

TEST(HtmlText, LargePageStaysFast) {
  std::string html = "<html><head><title>Big</title></head><body><article>";
  for (int i = 0; html.size() < 2'000'000; ++i) {
    html += "<p class=\"para\">Paragraph " + std::to_string(i) +
            " &ldquo;quoted&rdquo; text &amp; more words about the shelling of the northern district.</p>\n";
    if (i % 50 == 0) html += "<script>var x" + std::to_string(i) + " = \"Paragraph\";</script>\n";
  }
  html += "</article></body></html>";
  const auto start = std::chrono::steady_clock::now();
  const HtmlDocument doc = parse_html(html);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(doc.blocks.size(), 10000u);
  EXPECT_LT(seconds, 20.0);  // generous: sanitizer builds are slow
  expect_segments_sound(html, doc);
  EXPECT_GT(exact_share(doc), 0.8);

  // Repetitive bytes must not make the ahead-search quadratic.
  std::string bad;
  for (int i = 0; i < 2000; ++i) bad += "<p>" + std::string(500, 'a') + "&amp;</p><i>" + std::string(500, 'a') + "</i>";
  const auto bad_start = std::chrono::steady_clock::now();
  const HtmlDocument bad_doc = parse_html(bad);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - bad_start).count(), 20.0);
  expect_segments_sound(bad, bad_doc);
}

}  // namespace
}  // namespace sitrep::ingest
