// Only the JDK: com.sun.net.httpserver is the web server that comes with it
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public class Hello {
    // Handling GET requests to / (and HEAD, as Express does); any other path or method is not found
    static void hello(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        boolean isHead = method.equals("HEAD");
        if (!exchange.getRequestURI().getPath().equals("/") || !(isHead || method.equals("GET"))) {
            exchange.sendResponseHeaders(404, -1); // -1: no body
            exchange.close();
            return;
        }
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        if (isHead) { // the headers a GET would get, without the body
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    public static void main(String[] args) {
        // Send each answer at once: without it, a client that waits for one answer before its
        // next request waits about 40 ms every time (Nagle's algorithm meets delayed ACKs)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Starting the server (PORT from the environment, as hosting platforms set it)
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException error) { // say, another server already on the port
            System.err.println(
                    "Cannot start the server: " + error.getMessage() + " (port " + port + ")");
            System.exit(1);
            return;
        }
        server.createContext("/", Hello::hello);
        server.start();
        System.out.println("Server is running on http://localhost:" + port);
    }
}
