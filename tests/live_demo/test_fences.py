from site_plugins.live_demo.fences import mark_runnable_examples


def test_a_try_fence_is_wrapped_and_stays_an_http_block():
    page = "Intro\n\n```http try\nGET /api/todos HTTP/1.1\n```\n\nAfter\n"
    out, count = mark_runnable_examples(page)
    assert count == 1
    assert out == (
        'Intro\n\n<div class="live-demo" markdown>\n\n```http\nGET /api/todos HTTP/1.1\n```\n\n'
        '<div class="live-demo__bar"></div>\n\n</div>\n\nAfter\n'
    )


def test_ordinary_fences_are_untouched():
    page = "```http\nGET / HTTP/1.1\n```\n```python\nprint('try')\n```\n"
    assert mark_runnable_examples(page) == (page, 0)


def test_a_try_fence_shown_inside_another_fence_is_left_alone():
    page = "````markdown\n```http try\nGET / HTTP/1.1\n```\n````\n"
    assert mark_runnable_examples(page) == (page, 0)


def test_indented_fences_keep_their_indentation():
    page = "1. Step\n\n    ```http try\n    GET / HTTP/1.1\n    ```\n"
    out, count = mark_runnable_examples(page)
    assert count == 1
    assert '    <div class="live-demo" markdown>' in out and "    ```http\n" in out


def test_tilde_fences_work_too():
    out, count = mark_runnable_examples("~~~http try\nDELETE /api/todos/1 HTTP/1.1\n~~~\n")
    assert count == 1 and "~~~http\n" in out
