// First: later modules (uPlot) read navigator.language when they load.
import './lib/localeGuard';
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html is missing #app');

export default mount(App, { target });
