// Importing Express
const express = require('express');

// Initializing the app
const app = express();

// Defining a route to handle GET requests
app.get('/', (req, res) => {
  res.send('Hello, World!');
});

// Starting the server (PORT from the environment, as hosting platforms set it)
const PORT = process.env.PORT || 3000;
app.listen(PORT, (error) => {
  // Express 5 hands a failed start (say, another server already on the port) to this callback
  if (error) {
    console.error(`Cannot start the server: ${error.message}`);
    process.exit(1);
  }
  console.log(`Server is running on http://localhost:${PORT}`);
});
