// Spring Boot's web starter: Spring MVC, on the Tomcat web server it brings along
package hello;

import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class HelloApplication {
    // Handling GET requests to / (and HEAD, as Express does)
    @GetMapping("/")
    ResponseEntity<String> hello() {
        // What Express's res.send says of a string (Spring's own is text/plain); Tomcat
        // writes it without the space, text/html;charset=utf-8, which means the same
        MediaType html = MediaType.parseMediaType("text/html; charset=utf-8");
        return ResponseEntity.ok().contentType(html).body("Hello, World!");
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(HelloApplication.class);
        app.setBannerMode(Banner.Mode.OFF); // no ASCII-art logo at start
        // Starting the server (PORT from the environment, as hosting platforms set it)
        app.setDefaultProperties(Map.of("server.port", "${PORT:3000}"));
        try {
            ConfigurableApplicationContext context = app.run(args);
            String port = context.getEnvironment().getProperty("local.server.port");
            System.out.println("Server is running on http://localhost:" + port);
        } catch (RuntimeException error) {
            // Say, another server already on the port: Spring has logged its report, and
            // this one line, last, says what happened
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof PortInUseException) {
                    System.err.println("Cannot start the server: " + cause.getMessage());
                    System.exit(1);
                }
            }
            throw error;
        }
    }
}
