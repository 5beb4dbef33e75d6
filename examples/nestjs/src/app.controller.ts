import { Controller, Get } from '@nestjs/common';

// Defining a route to handle GET requests to /: what app.get('/', ...) does in Express
@Controller()
export class AppController {
  @Get()
  hello(): string {
    return 'Hello, World!'; // Nest sends a string with Express's res.send()
  }
}
