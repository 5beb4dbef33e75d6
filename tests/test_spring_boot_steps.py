"""The hello-world page's Spring Boot steps, run as printed in a fresh folder, with port 3000
busy (the demo a reader keeps running has it): each command the page shows, in the page's order,
Maven's build included."""

from __future__ import annotations

from tests.page_steps import tab_commands
from tests.stacks import (
    SPRING_BOOT,
    assert_serves_beside_on_3001,
    bash,
    refused_on_busy_3000,
    require,
    save_as_shown,
)

JAR = "target/hello-spring-1.0.0.jar"


def test_the_steps_are_the_ones_this_test_follows():
    assert tab_commands(SPRING_BOOT.tab) == [
        "mkdir hello-spring && cd hello-spring",
        "mkdir -p src/main/java/hello",
        "mvn -B package",
        f"java -jar {JAR}",
        f"PORT=3001 java -jar {JAR}",
    ]


def test_the_jar_the_page_starts_is_the_one_the_tests_start():
    assert SPRING_BOOT.start == ("java", "-jar", JAR)


def test_the_spring_boot_steps_work_as_printed_with_port_3000_busy(tmp_path):
    require(SPRING_BOOT)
    mkdir, mkdir_sources, build, start, start_beside = tab_commands(SPRING_BOOT.tab)
    assert bash(mkdir, tmp_path, SPRING_BOOT).returncode == 0
    project = tmp_path / "hello-spring"
    assert bash(mkdir_sources, project, SPRING_BOOT).returncode == 0
    # Step 3: "Save pom.xml above in the project's folder, and HelloApplication.java in ..."
    save_as_shown(SPRING_BOOT, ("pom.xml", "src/main/java/hello/HelloApplication.java"), project)
    result = bash(build, project, SPRING_BOOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / JAR).is_file()

    # Step 5 with the demo on 3000: Spring's report on stdout, then our one line, last.
    busy = refused_on_busy_3000(start, project, SPRING_BOOT)
    assert busy.stderr.splitlines() == [SPRING_BOOT.busy_line(3000)]
    assert "APPLICATION FAILED TO START" in busy.stdout
    assert "Port 3000 was already in use" in busy.stdout  # what the page quotes of the report
    assert_serves_beside_on_3001(start_beside, project, SPRING_BOOT)  # the page's way round it
