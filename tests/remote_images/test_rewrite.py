from site_plugins.remote_images.rewrite import (
    parse_srcset,
    placeholder,
    rewrite_tags,
    rewrite_text_urls,
)


def keep(url):
    return url


def test_parse_srcset_follows_the_spec():
    assert parse_srcset("a.png 1x, https://x/b.png?s=1,2 2x,c.png") == [
        ("a.png", "1x"),
        ("https://x/b.png?s=1,2", "2x"),
        ("c.png", ""),
    ]


def test_img_src_is_replaced_and_escaped():
    html = '<p><img alt="A &amp; B" src="https://h/x.png?a=1&amp;b=2" /></p>'
    out = rewrite_tags(
        html, lambda url: "../assets/x.png" if url == "https://h/x.png?a=1&b=2" else url, keep
    )
    assert out == '<p><img alt="A &amp; B" src="../assets/x.png" /></p>'


def test_unavailable_img_becomes_a_visible_placeholder_with_its_alt_text():
    out = rewrite_tags('<img src="https://h/x.png" alt="Request flow">', lambda url: None, keep)
    assert 'role="img"' in out and 'aria-label="Request flow"' in out
    assert "Image unavailable: Request flow" in out
    assert "https://h/x.png" not in out


def test_placeholder_escapes_alt_text():
    assert "<script>" not in placeholder("<script>alert(1)</script>")


def test_srcset_candidates_are_resolved_or_dropped():
    html = "<img src='local.png' srcset='https://h/a.png 1x, https://h/b.png 2x'>"
    out = rewrite_tags(html, lambda url: None if url.endswith("b.png") else "v/a.png", keep)
    assert out == "<img src='local.png' srcset=\"v/a.png 1x\">"


def test_source_with_no_usable_candidate_is_removed():
    html = '<picture><source srcset="https://h/a.png 2x"><img src="x.png"></picture>'
    assert rewrite_tags(html, lambda url: None, keep) == '<picture><img src="x.png"></picture>'


def test_links_go_through_the_link_resolver_only():
    html = '<a href="https://h/f.pdf?sig=1">file</a> <img src="rel.png">'
    out = rewrite_tags(html, lambda url: "never", lambda url: "https://h/f.pdf")
    assert out == '<a href="https://h/f.pdf">file</a> <img src="rel.png">'


def test_text_urls_are_fixed_and_re_escaped():
    html = "<code>curl https://h/f?a=1&amp;X-Amz-Signature=2</code>"
    out = rewrite_text_urls(html, lambda url: url.split("&")[0])
    assert out == "<code>curl https://h/f?a=1</code>"
