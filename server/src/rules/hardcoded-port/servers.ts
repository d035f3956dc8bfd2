/** Gunicorn settings that mark a Python module as a gunicorn config file (whose `bind` the rule reads). */
export const GUNICORN_SETTINGS = [
  'workers',
  'worker_class',
  'wsgi_app',
  'accesslog',
  'errorlog',
  'threads',
  'worker_connections',
  'preload_app',
];
