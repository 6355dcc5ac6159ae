/**
 * Fonts ship with the app: field offices have no internet to fetch them, and many laptops lack fonts
 * for Khmer, Lao or Burmese. Each family's files are split by Unicode range, so the browser only reads
 * the pieces a page actually uses.
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/600.css';
import '@fontsource/noto-sans-thai/400.css';
import '@fontsource/noto-sans-khmer/400.css';
import '@fontsource/noto-sans-lao/400.css';
import '@fontsource/noto-sans-myanmar/400.css';
