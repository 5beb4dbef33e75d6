# Importing Bottle, and the web server that comes with Python
import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer, make_server

from bottle import Bottle

# Initializing the app
app = Bottle()


# Defining a route to handle GET requests
@app.get("/")
def hello():
    return "Hello, World!"


# Each request in a thread of its own: a slow client holds up no one, and Ctrl-C stops at once
class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    # A taken port must fail: on Windows this option would let two servers share it.
    allow_reuse_address = sys.platform != "win32"


# Starting the server (PORT from the environment, as hosting platforms set it)
if __name__ == "__main__":
    PORT = int(os.environ.get("PORT", 3000))
    try:
        server = make_server("localhost", PORT, app, server_class=Server)
    except OSError as error:
        sys.exit(f"Port {PORT}: {error.strerror}. Set PORT to another, e.g. PORT={PORT + 1}")
    print(f"Server is running on http://localhost:{PORT}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # Ctrl-C
        server.server_close()
