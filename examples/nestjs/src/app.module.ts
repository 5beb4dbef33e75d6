import { Module } from '@nestjs/common';
import { AppController } from './app.controller';

// The app: here one module, with one controller
@Module({ controllers: [AppController] })
export class AppModule {}
