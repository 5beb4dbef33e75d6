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
app.listen(PORT, () => {
  console.log(`Server is running on http://localhost:${PORT}`);
});
