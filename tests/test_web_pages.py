"""The HTML site through Flask's test client: pages, their JSON twins, links computed in the view."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from support.webcorpus import SCRIPT_TITLE, build_index
from werkzeug.datastructures import MultiDict

from search import FacetValue, SearchResult
from web import create_app
from web.presenters import display_date, facet_groups, http_url, pager


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
    assert '<span class="total">24</span>' in html
    assert "مارس" in html or "يناير" in html  # dates in Arabic
    assert 'href="/documents/edu-' in html


def test_empty_search_goes_home(client):
    resp = client.get("/search?q=")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/")


def test_facet_links_toggle_a_filter(client):
    html = page(client, "/search?q=التعليم")
    links = [a["href"] for tag, a in parse(html) if tag == "a" and "section=" in a.get("href", "")]
    sport = next(h for h in links if "section=%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9" in h)
    narrowed = page(client, sport)
    assert '<span class="total">8</span>' in narrowed
    # The selected value's link removes it again.
    selected = re.search(r'<li class="selected">\s*<a href="([^"]+)"', narrowed).group(1)
    assert "section=" not in selected.replace("&amp;", "&")
    assert '<span class="total">24</span>' in page(client, selected.replace("&amp;", "&"))


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


def test_pager_stops_at_the_page_depth():
    result = SearchResult(query="x", total=5000, page=1, per_page=10, took_ms=1)
    p = pager(result, "/search", MultiDict([("q", "x")]), max_page=100)
    assert p.pages[-1].label == "100" and p.previous is None and p.next


def test_sort_links_and_date_form_keep_the_filters(client):
    html = page(client, "/search?q=التعليم&section=رياضة&sort=newest")
    assert "<strong aria-current=\"true\">الأحدث</strong>" in html
    hidden = [(a["name"], a["value"]) for tag, a in parse(html)
              if tag == "input" and a.get("type") == "hidden"]
    assert ("q", "التعليم") in hidden and ("section", "رياضة") in hidden and ("sort", "newest") in hidden
    assert 'type="date" name="from"' in html
    dated = page(client, "/search?q=التعليم&from=2015-01-01&to=2015-12-31")
    assert '<span class="total">8</span>' in dated and 'value="2015-01-01"' in dated


def test_did_you_mean_links_to_the_suggestion(client):
    html = page(client, "/search?q=التعلم&section=رياضة")
    assert 'class="suggestion" href="/search?q=%D8%A7%D9%84%D8%AA%D8%B9%D9%84%D9%8A%D9%85&amp;section=' in html
    assert "لم نجد مقالات" in html  # zero-results help


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


def test_display_date():
    assert display_date("2015-03-12T08:00:00") == "12 مارس 2015"
    assert display_date(None) == "" and display_date("bad") == "bad"


def test_script_title_fixture_is_what_we_think():
    assert SCRIPT_TITLE.startswith("<script>")


def test_a_facet_cut_short_by_its_time_limit_says_so(tmp_path):
    class SlowFacets:
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
