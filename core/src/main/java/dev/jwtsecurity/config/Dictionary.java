package dev.jwtsecurity.config;

import java.util.Set;

/**
 * The estimator's word list: common passwords, placeholder words, keyboard patterns, and common English and
 * deployment words, lower-case, 4+ characters. Small on purpose: ordinary words that are not listed are still priced
 * cheaply by the "ordinary word" rule of {@link SecretPolicy}.
 */
final class Dictionary {
  static final int MIN_LENGTH = 4;
  static final int MAX_LENGTH = 14;

  private static final Set<String> WORDS =
      Set.of(
      "0000", "1111", "111111", "112233", "121212", "123123", "1234", "12345", "123456", "1234567",
      "12345678", "123456789", "1234567890", "1qaz2wsx", "654321", "666666", "696969", "abcd", "abcdef", "abcdefgh",
      "about", "above", "access", "admin", "administrator", "after", "again", "against", "alpha", "amazon",
      "anything", "apple", "application", "applications", "apps", "april", "asdf", "asdfgh", "asdfghjkl", "august",
      "auth", "authentication", "authorization", "autumn", "azerty", "azure", "backend", "banana", "baseball", "basketball",
      "batman", "battery", "bearer", "because", "before", "being", "below", "beta", "between", "bitcoin",
      "black", "blue", "both", "business", "buster", "change", "changeit", "changeme", "changethis", "charlie",
      "cheese", "cloud", "company", "computer", "config", "configuration", "cookie", "cookies", "correct", "could",
      "crypto", "daniel", "dark", "database", "days", "december", "default", "delta", "demo", "develop",
      "development", "diamond", "docker", "does", "doing", "dollar", "down", "dragon", "dummy", "during",
      "each", "earth", "enter", "environment", "everything", "example", "expire", "expires", "facebook", "family",
      "february", "flower", "football", "freedom", "friday", "friend", "friends", "from", "frontend", "further",
      "gamma", "ginger", "github", "gitlab", "gold", "golden", "google", "green", "guest", "harley",
      "have", "having", "hello", "hello123", "here", "heroku", "hmac", "hockey", "home", "horse",
      "hours", "house", "hs256", "hunter", "iloveyou", "insecure", "insert", "internet", "into", "january",
      "jennifer", "jordan", "july", "june", "just", "jwtkey", "jwtsecret", "keys", "kubernetes", "letmein",
      "light", "linux", "local", "localhost", "login", "long", "love", "lovely", "maggie", "march",
      "master", "michael", "microsoft", "mine", "minutes", "monday", "money", "monkey", "month", "moon",
      "more", "most", "mysecret", "mysql", "night", "nothing", "november", "october", "office", "omega",
      "once", "only", "oracle", "orange", "other", "ours", "over", "passwd", "password", "pepper",
      "placeholder", "planet", "pokemon", "postgres", "postgresql", "princess", "private", "prod", "production", "protect",
      "protected", "public", "purple", "qazwsx", "qwerty", "qwertyuiop", "random", "ranger", "redis", "refresh",
      "replace", "replaceme", "robert", "root", "safe", "safety", "same", "sample", "saturday", "secret",
      "secretkey", "secrets", "secure", "security", "september", "server", "service", "services", "session", "sessions",
      "sha256", "shadow", "should", "sign", "signature", "signing", "signingkey", "silver", "soccer", "some",
      "something", "spring", "staging", "staple", "star", "stars", "starwars", "string", "strong", "stronger",
      "strongest", "such", "summer", "sunday", "sunshine", "super", "superman", "supersecret", "system", "systems",
      "test", "tester", "testing", "than", "that", "their", "then", "there", "these", "they",
      "this", "thomas", "through", "thursday", "token", "tokens", "topsecret", "tr0ub4dor", "troubador", "trustno1",
      "tuesday", "twitter", "type", "ubuntu", "under", "unknown", "until", "user", "username", "users",
      "value", "variable", "very", "wallet", "weak", "website", "wednesday", "welcome", "were", "what",
      "whatever", "when", "where", "which", "while", "white", "will", "windows", "winter", "with",
      "world", "would", "year", "yellow", "your", "yours", "zxcv", "zxcvbnm");

  private Dictionary() {}

  static int size() {
    return WORDS.size();
  }

  static Set<String> words() {
    return WORDS;
  }

  static boolean contains(String text, int start, int length) {
    return WORDS.contains(text.substring(start, start + length));
  }
}
