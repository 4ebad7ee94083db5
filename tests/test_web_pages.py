"""The HTML site through Flask's test client: pages, their JSON twins, links computed in the view."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from support.webcorpus import SCRIPT_TITLE, build_index
from werkzeug.datastructures import MultiDict

from search import FacetValue, SearchResult
from search.labels import Labels
from web import create_app
from web.presenters import count_of, display_date, facet_groups, http_url, pager


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    index_dir = build_index(tmp_path_factory.mktemp("web-pages") / "index")
    return create_app({"FAHRAS_INDEX": str(index_dir)}).test_client()


class Links(HTMLParser):
    """Collects tags and attributes so tests can look at the page's structure, not its bytes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict]]:
    p = Links()
    p.feed(html)
    return p.tags


def page(client, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    assert resp.content_type.startswith("text/html")
    return resp.get_data(as_text=True)


def test_every_page_is_rtl_arabic_with_local_assets_only(client):
    for url in ("/", "/search?q=التعليم", "/documents/oil-1"):
        html = page(client, url)
        assert '<html lang="ar" dir="rtl">' in html
        tags = parse(html)
        for tag, attrs in tags:
            for attr in ("src", "href"):
                if tag in ("script", "link") and attr in attrs:
                    assert attrs[attr].startswith("/"), f"external asset {attrs[attr]} on {url}"
            if tag == "script":
                assert attrs.get("src"), f"inline script on {url}"
            assert "style" not in attrs, f"inline style on {url}"
            assert not any(a.startswith("on") for a in attrs), f"inline handler on {url}"


def test_home_has_the_search_box(client):
    html = page(client, "/")
    assert 'action="/search"' in html and 'name="q"' in html


def test_search_page_keeps_the_query_and_highlights(client):
    html = page(client, "/search?q=التعليم")
    assert 'value="التعليم"' in html
    assert "<mark>التعليم</mark>" in html
    assert '<span class="total" data-total="24">' in html
    assert "مارس" in html or "يناير" in html  # dates in Arabic
    assert 'href="/documents/edu-' in html


def test_empty_search_goes_home(client):
    for url in ("/search?q=", "/search", "/search?q=&page=&sort=", "/search?q=%20", "/search?q=&utm_source=x"):
        resp = client.get(url)
        assert resp.status_code == 302 and resp.headers["Location"].endswith("/"), url


@pytest.mark.parametrize("query", ["sort=newest", "page=2", "per_page=20", "collapse=false", "section=رياضة"])
def test_nothing_typed_with_any_other_parameter_browses_like_its_json_twin(client, query):
    """``/search?q=&sort=newest`` went home while ``/search.json`` (and the API) listed the archive."""
    html = page(client, f"/search?q=&{query}")
    twin = client.get(f"/search.json?q=&{query}").get_json()
    assert twin == {**client.get(f"/api/v1/search?q=&{query}").get_json(), "took_ms": twin["took_ms"]}
    assert twin["total"] > 0 and f'data-total="{twin["total"]}"' in html
    assert html.count('class="hit"') == len(twin["hits"]) > 0
    # no words, no relevance: the dates' orders only (a browse lists the newest first whatever it asks)
    assert "الأكثر صلة" not in html and "الأقدم" in html


def test_facet_links_toggle_a_filter(client):
    html = page(client, "/search?q=التعليم")
    links = [a["href"] for tag, a in parse(html) if tag == "a" and "section=" in a.get("href", "")]
    sport = next(h for h in links if "section=%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9" in h)
    narrowed = page(client, sport)
    assert '<span class="total" data-total="8">' in narrowed
    # The selected value's link removes it again.
    selected = re.search(r'<li class="selected">\s*<a href="([^"]+)"', narrowed).group(1)
    assert "section=" not in selected.replace("&amp;", "&")
    assert '<span class="total" data-total="24">' in page(client, selected.replace("&amp;", "&"))


def test_facet_toggle_url_is_computed_per_value():
    result = SearchResult(
        query="x", total=3, page=2, per_page=10, took_ms=1,
        facets={"section": [FacetValue("a", 2, True), FacetValue("b", 1, False)]},
    )
    args = MultiDict([("q", "x"), ("section", "a"), ("page", "2")])
    group = facet_groups(result, "/search", args)[0]
    remove_a, add_b = group.values
    assert parse_qs(urlsplit(remove_a.url).query) == {"q": ["x"]}  # page reset too
    assert parse_qs(urlsplit(add_b.url).query) == {"q": ["x"], "section": ["a", "b"]}
    assert group.label == "القسم" and remove_a.selected and remove_a.count == 2


def test_pagination_links(client):
    html = page(client, "/search?q=التعليم")
    assert 'rel="next" href="/search?q=%D8%A7%D9%84%D8%AA%D8%B9%D9%84%D9%8A%D9%85&amp;page=2"' in html
    last = page(client, "/search?q=التعليم&page=3")
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert 'aria-current="page">3<' in last


def test_a_page_past_the_last_says_so_and_links_to_the_last(client):
    """``page=4`` of three showed "24 نتيجة" over an empty list; the JSON twin keeps answering
    that page with no hits and the true total, the page adds a notice and a link."""
    url = "/search?q=التعليم&section=&sort=newest&year=2014&year=2015&year=2016&page=4"
    html = page(client, url)
    notice = re.search(r'<p class="notice notice--past-end"[^>]*>(.*?)</p>', html, re.S)
    assert notice and "لا توجد صفحة 4" in notice.group(1) and "There is no page 4" in notice.group(1)
    last = re.search(r'class="past-end-last" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(last).query) == {"q": ["التعليم"], "sort": ["newest"],
                                              "year": ["2014", "2015", "2016"], "page": ["3"]}
    assert page(client, last).count('class="hit"') == 4
    twin = client.get(url.replace("/search?", "/search.json?")).get_json()
    assert (twin["page"], twin["total"], twin["hits"]) == (4, 24, [])
    assert 'rel="prev" href="' in html and "page=3" in re.search(r'rel="prev" href="([^"]+)"', html).group(1)
    assert "notice--past-end" not in page(client, "/search?q=التعليم&page=3")
    far = page(client, "/search?q=التعليم&page=50")
    assert "page=3" in re.search(r'rel="prev" href="([^"]+)"', far).group(1)  # back to the last, not 49


def test_the_hijri_fields_take_the_digits_the_server_reads(client):
    """The fields' pattern was ASCII-only, so ``١٤٣٦-١٠`` could not be sent, though the server
    reads it: both forms (results, error page) now carry the parser's own pattern."""
    from web.params import DATE_PATTERN

    error_page = client.get("/search?q=التعليم&hijri_from=1436-13").get_data(as_text=True)
    for html in (page(client, "/search?q=التعليم"), error_page):
        fields = {a["name"]: a for tag, a in parse(html) if tag == "input" and a.get("name", "").startswith("hijri_")}
        assert {f["pattern"] for f in fields.values()} == {DATE_PATTERN} and len(fields) == 2
    browser_reads = re.compile(f"^(?:{DATE_PATTERN})$")  # how a browser applies pattern=
    for typed in ("١٤٣٦-١٠", "١٤٣٦-١٠-٢٠", "۱۴۳۶-۹", "1436-09-01", "1436"):
        assert browser_reads.match(typed) and client.get(f"/search?q=التعليم&hijri_from={typed}").status_code == 200
    assert not browser_reads.match("1436/09")


def test_pager_stops_at_the_page_depth():
    result = SearchResult(query="x", total=5000, page=1, per_page=10, took_ms=1)
    p = pager(result, "/search", MultiDict([("q", "x")]), max_page=100)
    assert p.pages[-1].label == "100" and p.previous is None and p.next


def test_the_pager_shows_the_last_page_and_gaps_as_an_ellipsis():
    result = SearchResult(query="x", total=500, page=10, per_page=10, took_ms=1)
    labels = [link.label for link in pager(result, "/search", MultiDict([("q", "x")]), max_page=100).pages]
    assert labels == ["1", "…", "7", "8", "9", "10", "11", "12", "13", "…", "50"]
    first = SearchResult(query="x", total=500, page=1, per_page=10, took_ms=1)
    assert [link.label for link in pager(first, "/search", MultiDict(), max_page=100).pages] == ["1", "2", "3", "4", "…", "50"]
    near = SearchResult(query="x", total=50, page=2, per_page=10, took_ms=1)
    assert "…" not in [link.label for link in pager(near, "/search", MultiDict(), max_page=100).pages]


def test_the_results_page_says_how_long_the_search_took(client):
    assert re.search(r'<span class="took">\(في [0-9.]+ ثانية\)</span>', page(client, "/search?q=التعليم"))


def test_sort_links_and_date_form_keep_the_filters(client):
    html = page(client, "/search?q=التعليم&section=رياضة&sort=newest")
    assert "<strong aria-current=\"true\">الأحدث</strong>" in html
    hidden = [(a["name"], a["value"]) for tag, a in parse(html)
              if tag == "input" and a.get("type") == "hidden"]
    assert ("q", "التعليم") in hidden and ("section", "رياضة") in hidden and ("sort", "newest") in hidden
    assert 'type="date" name="from"' in html
    dated = page(client, "/search?q=التعليم&from=2015-01-01&to=2015-12-31")
    assert '<span class="total" data-total="8">' in dated and 'value="2015-01-01"' in dated


def test_did_you_mean_links_to_the_suggestion(client):
    html = page(client, "/search?q=التعلم&section=رياضة&autocorrect=false")
    assert 'class="suggestion" href="/search?q=%D8%A7%D9%84%D8%AA%D8%B9%D9%84%D9%8A%D9%85&amp;section=' in html
    assert "لم نجد مقالات" in html  # zero-results help


def test_a_query_that_finds_nothing_shows_its_corrections_results(client):
    html = page(client, "/search?q=التعلبم&section=رياضة")
    assert "عرض نتائج «<strong class=\"corrected\"><bdi>التعليم</bdi></strong>»" in html and "ابحث بدلاً من ذلك عن" in html
    assert 'data-total="8"' in html and "<mark>التعليم</mark>" in html and 'value="التعلبم"' in html
    original = re.search(r'class="original" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(original).query) == {"q": ["التعلبم"], "section": ["رياضة"], "autocorrect": ["false"]}
    assert "لم نجد مقالات" in page(client, original)
    # the articles reached from them mark the corrected word, as the snippets do
    doc = re.search(r'class="hit-title"><a href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(doc).query)["q"] == ["التعليم"] and "<mark>التعليم</mark>" in page(client, doc)
    # التعلم (learning) is a word, not a slip: nothing found, التعليم offered, not shown in its place
    word = page(client, "/search?q=التعلم&section=رياضة")
    assert "لم نجد مقالات" in word and "هل تقصد" in word and "عرض نتائج" not in word


def test_a_query_with_nothing_to_search_for_says_so_and_keeps_the_query(client):
    html = page(client, "/search?q=%D8%9F%20OR&section=اقتصاد")  # "؟ OR"
    assert "notice--message" in html and "لا يحوي بحثك كلمة" in html
    assert 'value="؟ OR"' in html and 'class="hits"' not in html and "لم نجد مقالات" not in html


def test_partial_matches_follow_a_separator_naming_the_missing_word(client):
    data = client.get("/search.json?q=النفط الهلال&per_page=50").get_json()
    assert data["total_partial"] and data["total"] == data["total_all"] + data["total_partial"]
    html = page(client, "/search?q=النفط الهلال&per_page=50")
    separator = html.index('class="partial-separator"')
    assert "نتائج تحتوي بعض كلماتك" in html[separator:]
    assert html.count('class="hit"') == len(data["hits"])
    full = sum(h["matched_all"] for h in data["hits"])
    assert html[:separator].count('class="hit"') == full  # every full match above it
    missing = {w for h in data["hits"] for w in h["missing"]}
    assert missing and all(f"<s>{w}</s>" in html[separator:] for w in missing)
    assert 'data-total-all="0"' in html and "لا نتيجة فيها كل كلماتك" in html
    # several words missing, each from some: it says so, not that each is missing from all
    assert ("ينقص كلًّا منها بعضُ هذه الكلمات" if len(missing) > 1 else "ينقصها كلها") in html[separator:]


def test_the_heading_counts_the_full_matches_the_facets_count(client):
    """A facet counts the results with every word; after a click the page lists those and the
    partial ones: the heading gives both numbers, and the sidebar says which it counts."""
    data = client.get("/search.json?q=وزارة التعليم").get_json()
    assert data["total_all"] == 24 and data["total_partial"] == 1
    html = page(client, "/search?q=وزارة التعليم")
    assert 'data-total-all="24"' in html and "منها 24 نتيجة فيها كل كلماتك" in html
    assert "تعدّ الأرقام النتائج التي فيها كل كلماتك" in html
    assert sum(v["count"] for v in data["facets"]["section"]) == data["total_all"]
    whole = page(client, "/search?q=التعليم")
    assert "total-all" not in whole and "facet-scope" not in whole


def test_markup_in_a_title_is_text(client):
    html = page(client, "/search?q=الثقافة")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    doc = page(client, "/documents/xss-1")
    assert "<script>alert" not in doc and "&lt;b&gt;الدولي&lt;/b&gt;" in doc


def test_only_http_urls_become_links(client):
    doc = page(client, "/documents/oil-2")
    assert "javascript:" not in doc
    ok = page(client, "/documents/oil-1")
    assert 'href="https://example.com/news/oil-1"' in ok
    assert http_url("javascript:alert(1)") is None and http_url("ftp://x/y") is None
    assert http_url("http:/missing-host") is None and http_url("https://a.example/b") == "https://a.example/b"


def test_document_page_shows_the_article_and_similar(client):
    html = page(client, "/documents/oil-1")
    assert "<h1>ارتفاع أسعار النفط في الأسواق العالمية</h1>" in html
    assert "<p>وقال محللون إن الطلب قوي.</p>" in html  # paragraphs
    assert "مقالات مشابهة" in html and 'href="/documents/oil-2"' in html
    assert "1 يونيو 2015" in html


def test_unknown_document_page_is_404_html(client):
    resp = client.get("/documents/no-such")
    assert resp.status_code == 404 and "text/html" in resp.content_type
    assert "no-such" in resp.get_data(as_text=True)


def test_bad_parameter_page_is_400_html(client):
    resp = client.get("/search?q=x&per_page=1000")
    assert resp.status_code == 400 and "per_page" in resp.get_data(as_text=True)


def test_an_error_page_is_arabic_first_and_keeps_the_query_and_filters(client):
    resp = client.get("/search?q=التعليم&section=رياضة&from=2016-01-01&to=2015-01-01")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "text/html" in resp.content_type
    arabic, english = html.index("تاريخ البداية بعد تاريخ النهاية"), html.index("the start date is after the end date")
    assert arabic < english and 'lang="en"' in html[english - 80:english]
    inputs = {(a.get("name"), a.get("value")) for tag, a in parse(html) if tag == "input"}
    assert {("q", "التعليم"), ("section", "رياضة"), ("from", "2016-01-01"), ("to", "2015-01-01")} <= inputs
    retry = re.search(r'class="without-dates" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(retry).query) == {"q": ["التعليم"], "section": ["رياضة"]}
    assert page(client, retry).count('class="hit"') == 8
    assert 'href="/help"' in html


def test_every_page_links_to_the_help_page_which_is_arabic(client):
    for url in ("/", "/search?q=التعليم", "/documents/oil-1", "/help", "/documents/nothing-here"):
        assert 'href="/help"' in client.get(url).get_data(as_text=True), url
    html = page(client, "/help")
    assert '<html lang="ar" dir="rtl">' in html and "كيف تبحث في الأرشيف" in html
    for shown in ("أو", "OR", "ليس", "NOT", "-النفط", '"قناة السويس"', "كتا*", "الهلاك~", "عنوان:", "مصدر:",
                  "قسم:", "كاتب:", "وسم:", "جذر:", "تاريخ:2015-07..2015-08"):
        assert shown in html, shown
    twin = client.get("/help.json").get_json()
    assert twin["fields"]["source"] == ["source", "مصدر", "المصدر"] and "أو" in twin["or"]


def test_a_document_reached_from_the_results_marks_the_words_and_leads_back(client):
    results = page(client, "/search?q=النفط&section=اقتصاد")
    link = re.search(r'class="hit-title"><a href="(/documents/oil-1[^"]*)"', results).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(link).query) == {"q": ["النفط"], "section": ["اقتصاد"]}
    html = page(client, link)
    assert "<h1>ارتفاع أسعار <mark>النفط</mark> في الأسواق العالمية</h1>" in html
    assert "<p>ارتفعت أسعار <mark>النفط</mark> اليوم" in html and 'value="النفط"' in html
    back = re.search(r'class="back-to-results" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(back).query) == {"q": ["النفط"], "section": ["اقتصاد"]}
    plain = page(client, "/documents/oil-1")
    assert "<mark>" not in plain and "back-to-results" not in plain
    twin = client.get("/documents/oil-1.json?q=النفط").get_json()["document"]
    assert "<mark>النفط</mark>" in twin["title_html"] and "<mark>النفط</mark>" in twin["body_html"]


def test_markup_in_a_highlighted_document_stays_escaped(client):
    html = page(client, "/documents/xss-1?q=الكتاب")
    assert "<script>alert" not in html and "&lt;b&gt;الدولي&lt;/b&gt;" in html and "<mark>الكتاب</mark>" in html


def test_tags_are_links_to_their_articles(client):
    html = page(client, "/documents/oil-2")
    links = {a["href"] for tag, a in parse(html) if tag == "a" and "q=" in a.get("href", "")}
    tag_search = next(h for h in links if "%D8%A3%D9%88%D8%A8%D9%83" in h)  # أوبك
    assert parse_qs(urlsplit(tag_search).query) == {"q": ['وسم:"أوبك"']}
    assert [h for h in re.findall(r'href="/documents/([^"?]+)', page(client, tag_search.replace("&amp;", "&")))] == ["oil-2"]


@pytest.mark.parametrize(
    "html_url, json_url",
    [
        ("/search?q=التعليم&section=رياضة", "/search.json?q=التعليم&section=رياضة"),
        ("/documents/oil-1", "/documents/oil-1.json"),
        ("/", "/index.json"),
    ],
)
def test_every_page_has_a_json_twin(client, html_url, json_url):
    html = page(client, html_url)
    assert 'rel="alternate" type="application/json"' in html
    twin = client.get(json_url)
    assert twin.status_code == 200 and twin.content_type == "application/json"
    sep = "&" if "?" in html_url else "?"
    by_format = client.get(f"{html_url}{sep}format=json")
    by_accept = client.get(html_url, headers={"Accept": "application/json"})

    def same(resp) -> dict:
        body = resp.get_json()
        body.pop("took_ms", None)
        return body

    assert same(by_format) == same(twin) == same(by_accept)


def test_search_twin_is_the_api_object(client):
    twin = client.get("/search.json?q=التعليم&page=2").get_json()
    api = client.get("/api/v1/search?q=التعليم&page=2").get_json()
    twin.pop("took_ms"), api.pop("took_ms")
    assert twin == api


def test_document_twin_has_document_and_similar(client):
    body = client.get("/documents/oil-1.json").get_json()
    assert body["document"]["id"] == "oil-1" and body["similar"][0]["id"] == "oil-2"
    assert client.get("/documents/nope.json").status_code == 404
    assert "error" in client.get("/documents/nope.json").get_json()


def test_static_assets_are_served(client):
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "line-height: 1.8" in css.get_data(as_text=True)
    assert "Noto Naskh Arabic" in css.get_data(as_text=True)
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "data-suggest" in js.get_data(as_text=True)


@pytest.mark.parametrize("n, words", [
    (0, "لا نتائج"), (1, "نتيجة واحدة"), (2, "نتيجتان"), (3, "3 نتائج"), (10, "10 نتائج"),
    (11, "11 نتيجة"), (24, "24 نتيجة"), (99, "99 نتيجة"), (100, "100 نتيجة"), (101, "101 نتيجة"),
    (103, "103 نتائج"), (110, "110 نتائج"), (111, "111 نتيجة"), (1000, "1000 نتيجة"), (2005, "2005 نتائج"),
])  # fmt: skip
def test_counts_follow_arabic_number_agreement(n, words):
    assert count_of(n) == words


def test_the_results_heading_counts_in_arabic(client):
    assert "24 نتيجة</span>" in page(client, "/search?q=التعليم")
    assert "نتيجة واحدة</span>" in page(client, "/search?q=الثقافة")


def test_display_date():
    assert display_date("2015-03-12T08:00:00") == "12 مارس 2015"
    assert display_date(None) == "" and display_date("bad") == "bad"


def test_script_title_fixture_is_what_we_think():
    assert SCRIPT_TITLE.startswith("<script>")


def test_a_facet_cut_short_by_its_time_limit_says_so(tmp_path):
    class SlowFacets:
        labels = Labels()

        def refresh(self):
            pass

        def search(self, request):
            return SearchResult(
                query=request.q, total=1, page=1, per_page=10, took_ms=1,
                facets={"source": [FacetValue("عكاظ", 1)]}, facets_truncated=["source"],
            )

    app = create_app({"FAHRAS_INDEX": str(tmp_path)}, engine_factory=lambda config: SlowFacets())
    html = page(app.test_client(), "/search?q=x")
    assert "facet-note" in html and "عكاظ" in html


def test_every_facet_has_an_arabic_label():
    from search import FILTER_FIELDS
    from web.presenters import FACET_LABELS

    assert set(FACET_LABELS) == set(FILTER_FIELDS)


@pytest.mark.parametrize("host", [".", "..", "a" * 70])
def test_a_host_no_url_can_be_built_for_is_a_400_in_the_api_shape(client, host):
    """Werkzeug refuses such a Host before routing, and the error page, which links the site's
    own assets, then failed to build any URL: a 500 with a traceback on every HTML route."""
    for path in ("/", "/search?q=وزارة", "/documents/x"):
        r = client.get(path, headers={"Host": host})
        assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"


def test_no_path_redirects_to_the_host_the_request_names(tmp_path_factory):
    """A doubled slash was answered with a redirect spelt from Host or X-Forwarded-Host (with
    FAHRAS_PROXY_COUNT): `//` paths sent readers, and shared caches, to any site."""
    index_dir = build_index(tmp_path_factory.mktemp("hosts") / "index")
    proxied = create_app({"FAHRAS_INDEX": str(index_dir), "FAHRAS_PROXY_COUNT": 1}).test_client()
    for path in ("/api/v1//search", "/search//", "//search", "//", "/documents//x"):
        r = proxied.get("/", query_string="q=x", environ_overrides={"PATH_INFO": path},
                        headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
        assert r.status_code in (200, 404) and "Location" not in r.headers, (path, r.status_code)
