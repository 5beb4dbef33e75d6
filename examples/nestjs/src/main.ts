// Importing NestJS and our app's module
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  // Initializing the app (on Express, which Nest runs on by default)
  const app = await NestFactory.create(AppModule);

  // Starting the server (PORT from the environment, as hosting platforms set it)
  const PORT = process.env.PORT || 3000;
  try {
    await app.listen(PORT);
  } catch (error) {
    // Say, another server already on the port
    console.error(`Cannot start the server: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`Server is running on http://localhost:${PORT}`);
}

bootstrap();
