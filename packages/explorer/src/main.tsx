import { render } from 'preact';
import { App } from './App.js';
import { interceptLinks } from './router.js';
import './styles.css';

const root = document.getElementById('app')!;
root.textContent = '';
interceptLinks(document.body);
render(<App />, root);
