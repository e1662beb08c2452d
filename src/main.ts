import './app/dc-app';
