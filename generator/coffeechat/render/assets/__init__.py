"""Static files the site needs (CSS and JS), served from the built site: nothing from a CDN."""
