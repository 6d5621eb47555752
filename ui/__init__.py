"""The chat's presentation: how a Reply looks in the browser (view), small talk until the pipeline
answers it itself (smalltalk), and the page's CSS and JavaScript (chat.css, chat.js)."""
