/*
 * whippet_quic: a QUIC server endpoint on ngtcp2 + GnuTLS, driven from Java through FFM
 * (io.whippet.server.quic.ngtcp2.NgQuicEndpoint).
 *
 * Why it exists: Iggy's clients (quinn + rustls) send no ALPN, and BoringSSL, under Netty's
 * QUIC codec, refuses every QUIC ClientHello without ALPN. GnuTLS does not, and ngtcp2 leaves
 * ALPN to the application, so this endpoint accepts clients with ALPN "iggy" and clients with none.
 *
 * Threading: one thread (the Java endpoint thread) calls every function here except
 * wq_wakeup, which any thread may call to cut a wq_poll wait short.
 *
 * Flow of one request:
 *   UDP datagram -> wq_poll reads it -> ngtcp2_conn_read_pkt -> recv_stream_data callback
 *   -> an event (WQ_EV_DATA, its bytes copied into the poll's arena) -> Java assembles the frame
 *   and runs the command -> wq_stream_send (bytes copied into the stream's send buffer, FIN)
 *   -> the next wq_poll writes packets until ngtcp2 has nothing more to send.
 *
 * Cost per packet and per poll does not grow with the number of connections: a datagram finds
 * its connection in a hash table of connection ids (the table's hash is keyed with a random
 * seed, since a client picks its first id), Java's calls find theirs in a table of our connection
 * numbers, and a poll writes only the connections something happened to (a packet, a reply from
 * Java, a timer), which wait on a "want write" list. Only the scan for the next timer is linear.
 *
 * Events returned by wq_poll (valid until the next wq_poll):
 *   struct wq_event { int32 type; int32 flags; uint64 conn_id; int64 stream_id;
 *                     const uint8 *data; uint64 len; }             40 bytes
 *   WQ_EV_CONNECTED  handshake done; data = the peer as "ip:port" (no NUL)
 *   WQ_EV_DATA       stream bytes in order; flags bit 0 = FIN
 *   WQ_EV_STREAM_CLOSED  the stream is gone (both sides done, or reset)
 *   WQ_EV_CLOSED     the connection is gone (closed, timed out, or failed)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <ngtcp2/ngtcp2.h>
#include <ngtcp2/ngtcp2_crypto.h>
#include <ngtcp2/ngtcp2_crypto_gnutls.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define WQ_EV_CONNECTED 1
#define WQ_EV_DATA 2
#define WQ_EV_STREAM_CLOSED 3
#define WQ_EV_CLOSED 4

#define WQ_SCID_LEN 18
#define WQ_MAX_CIDS 16
#define WQ_RX_BYTES 65536
#define WQ_MIN_BUCKETS 64

static const char PRIORITIES[] =
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305:"
    "+AES-128-CCM:-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1:+GROUP-SECP521R1:"
    "%DISABLE_TLS13_COMPAT_MODE";

typedef struct wq_config {
  uint64_t max_idle_timeout_us;
  uint64_t stream_window_bytes;
  uint64_t conn_window_bytes;
  uint64_t max_bidi_streams;
  uint64_t max_udp_payload_bytes;
  uint64_t keep_alive_us; /* 0: no PINGs from the server */
  int32_t send_buffer_bytes;
  int32_t recv_buffer_bytes;
} wq_config;

typedef struct wq_event {
  int32_t type;
  int32_t flags;
  uint64_t conn_id;
  int64_t stream_id;
  const uint8_t *data;
  uint64_t len;
} wq_event;

typedef struct wq_stream {
  int64_t id;
  uint8_t *buf; /* every byte the server wrote to the stream, from offset 0 */
  size_t len;
  size_t cap;
  size_t sent;
  int fin;      /* the application finished the stream */
  int fin_sent; /* ngtcp2 took the FIN */
  int blocked;  /* flow control: wait for MAX_STREAM_DATA */
  struct wq_stream *next;
} wq_stream;

typedef struct wq_server wq_server;

typedef struct wq_conn {
  uint64_t id;
  wq_server *server;
  ngtcp2_conn *conn;
  gnutls_session_t tls;
  ngtcp2_crypto_conn_ref ref;
  struct sockaddr_storage remote;
  socklen_t remote_len;
  ngtcp2_cid cids[WQ_MAX_CIDS];
  size_t ncids;
  wq_stream *streams;
  int connected;
  int dead;
  int want_write;                /* on the server's write list */
  struct wq_conn *next;          /* every connection */
  struct wq_conn *next_by_id;    /* its bucket in the table of connection numbers */
  struct wq_conn *next_to_write; /* the write list */
} wq_conn;

/* One connection id of a connection, in the table datagrams are routed by. */
typedef struct wq_route {
  ngtcp2_cid cid;
  wq_conn *conn;
  struct wq_route *next;
} wq_route;

/* A chained hash table; nbuckets is a power of two. */
typedef struct wq_table {
  void **buckets;
  size_t nbuckets;
  size_t count;
} wq_table;

struct wq_server {
  int fd;
  int epfd;
  int wakefd;
  struct sockaddr_storage local;
  socklen_t local_len;
  gnutls_certificate_credentials_t cred;
  gnutls_datum_t alpn;
  wq_config cfg;
  uint8_t reset_secret[32];
  ngtcp2_callbacks callbacks;
  wq_conn *conns;
  wq_conn *to_write;
  wq_table routes; /* wq_route, by connection id bytes */
  wq_table by_id;  /* wq_conn, by our connection number */
  uint64_t route_seed;
  uint64_t next_conn_id;
  wq_event *events;
  size_t nevents;
  size_t events_cap;
  uint8_t *arena;
  size_t arena_len;
  size_t arena_cap;
  uint8_t *rx;
  uint8_t *tx;
};

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void random_bytes(uint8_t *dest, size_t len) {
  gnutls_rnd(GNUTLS_RND_RANDOM, dest, len);
}

/* ---- events ---------------------------------------------------------------------------- */

/* Data is kept as an arena offset while the poll runs (the arena may move), turned into a
 * pointer when the poll returns. */
static int push_event(wq_server *s, int32_t type, int32_t flags, uint64_t conn_id, int64_t stream_id,
                      const uint8_t *data, size_t len) {
  if (s->nevents == s->events_cap) {
    size_t cap = s->events_cap ? s->events_cap * 2 : 64;
    wq_event *grown = realloc(s->events, cap * sizeof(wq_event));
    if (!grown) return -1;
    s->events = grown;
    s->events_cap = cap;
  }
  size_t offset = s->arena_len;
  if (len > 0) {
    if (s->arena_len + len > s->arena_cap) {
      size_t cap = s->arena_cap ? s->arena_cap : 65536;
      while (cap < s->arena_len + len) cap *= 2;
      uint8_t *grown = realloc(s->arena, cap);
      if (!grown) return -1;
      s->arena = grown;
      s->arena_cap = cap;
    }
    memcpy(s->arena + s->arena_len, data, len);
    s->arena_len += len;
  }
  wq_event *e = &s->events[s->nevents++];
  e->type = type;
  e->flags = flags;
  e->conn_id = conn_id;
  e->stream_id = stream_id;
  e->data = (const uint8_t *)(uintptr_t)offset;
  e->len = len;
  return 0;
}

/* ---- streams --------------------------------------------------------------------------- */

static wq_stream *find_stream(wq_conn *c, int64_t id) {
  for (wq_stream *st = c->streams; st; st = st->next) {
    if (st->id == id) return st;
  }
  return NULL;
}

static wq_stream *open_stream(wq_conn *c, int64_t id) {
  wq_stream *st = calloc(1, sizeof(wq_stream));
  if (!st) return NULL;
  st->id = id;
  st->next = c->streams;
  c->streams = st;
  return st;
}

static void free_stream(wq_conn *c, int64_t id) {
  for (wq_stream **p = &c->streams; *p; p = &(*p)->next) {
    if ((*p)->id == id) {
      wq_stream *st = *p;
      *p = st->next;
      free(st->buf);
      free(st);
      return;
    }
  }
}

/* ---- ngtcp2 callbacks ------------------------------------------------------------------ */

static ngtcp2_conn *get_conn(ngtcp2_crypto_conn_ref *ref) {
  return ((wq_conn *)ref->user_data)->conn;
}

static int on_handshake_completed(ngtcp2_conn *conn, void *user_data) {
  (void)conn;
  wq_conn *c = user_data;
  char host[INET6_ADDRSTRLEN] = "?";
  int port = 0;
  if (c->remote.ss_family == AF_INET) {
    struct sockaddr_in *in = (struct sockaddr_in *)&c->remote;
    inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
    port = ntohs(in->sin_port);
  } else if (c->remote.ss_family == AF_INET6) {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&c->remote;
    inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
    port = ntohs(in6->sin6_port);
  }
  char peer[INET6_ADDRSTRLEN + 8];
  int n = snprintf(peer, sizeof(peer), "%s:%d", host, port);
  c->connected = 1;
  return push_event(c->server, WQ_EV_CONNECTED, 0, c->id, -1, (const uint8_t *)peer, (size_t)n)
             ? NGTCP2_ERR_CALLBACK_FAILURE
             : 0;
}

static int on_recv_stream_data(ngtcp2_conn *conn, uint32_t flags, int64_t stream_id, uint64_t offset,
                               const uint8_t *data, size_t datalen, void *user_data,
                               void *stream_user_data) {
  (void)offset;
  (void)stream_user_data;
  wq_conn *c = user_data;
  /* Credit goes back at once: Java bounds each request by its frame limits and stops the read
   * side of a stream whose frame is too large (wq_stream_stop). */
  ngtcp2_conn_extend_max_stream_offset(conn, stream_id, datalen);
  ngtcp2_conn_extend_max_offset(conn, datalen);
  int fin = (flags & NGTCP2_STREAM_DATA_FLAG_FIN) ? 1 : 0;
  return push_event(c->server, WQ_EV_DATA, fin, c->id, stream_id, data, datalen)
             ? NGTCP2_ERR_CALLBACK_FAILURE
             : 0;
}

static int on_stream_open(ngtcp2_conn *conn, int64_t stream_id, void *user_data) {
  (void)conn;
  return open_stream(user_data, stream_id) ? 0 : NGTCP2_ERR_CALLBACK_FAILURE;
}

static int on_stream_close(ngtcp2_conn *conn, uint32_t flags, int64_t stream_id, uint64_t app_error_code,
                           void *user_data, void *stream_user_data) {
  (void)flags;
  (void)app_error_code;
  (void)stream_user_data;
  wq_conn *c = user_data;
  free_stream(c, stream_id);
  /* One request per stream: a closed client stream makes room for the next one. */
  if (ngtcp2_is_bidi_stream(stream_id) && (stream_id & 0x1) == 0) {
    ngtcp2_conn_extend_max_streams_bidi(conn, 1);
  }
  return push_event(c->server, WQ_EV_STREAM_CLOSED, 0, c->id, stream_id, NULL, 0)
             ? NGTCP2_ERR_CALLBACK_FAILURE
             : 0;
}

static int on_extend_max_stream_data(ngtcp2_conn *conn, int64_t stream_id, uint64_t max_data,
                                     void *user_data, void *stream_user_data) {
  (void)conn;
  (void)max_data;
  (void)stream_user_data;
  wq_stream *st = find_stream(user_data, stream_id);
  if (st) st->blocked = 0;
  return 0;
}

static void on_rand(uint8_t *dest, size_t destlen, const ngtcp2_rand_ctx *rand_ctx) {
  (void)rand_ctx;
  random_bytes(dest, destlen);
}

static wq_conn *find_conn_by_cid(wq_server *s, const uint8_t *dcid, size_t dcidlen);
static int conn_add_cid(wq_conn *c, const ngtcp2_cid *cid);
static void route_remove(wq_server *s, const ngtcp2_cid *cid);

static int on_get_new_connection_id(ngtcp2_conn *conn, ngtcp2_cid *cid, uint8_t *token, size_t cidlen,
                                    void *user_data) {
  (void)conn;
  wq_conn *c = user_data;
  if (c->ncids == WQ_MAX_CIDS) return NGTCP2_ERR_CALLBACK_FAILURE;
  /* Our ids are random; one that collides with an id in use would route packets astray. */
  do {
    random_bytes(cid->data, cidlen);
  } while (find_conn_by_cid(c->server, cid->data, cidlen));
  cid->datalen = cidlen;
  if (ngtcp2_crypto_generate_stateless_reset_token(token, c->server->reset_secret,
                                                   sizeof(c->server->reset_secret), cid) != 0) {
    return NGTCP2_ERR_CALLBACK_FAILURE;
  }
  return conn_add_cid(c, cid) == 0 ? 0 : NGTCP2_ERR_CALLBACK_FAILURE;
}

static int on_remove_connection_id(ngtcp2_conn *conn, const ngtcp2_cid *cid, void *user_data) {
  (void)conn;
  wq_conn *c = user_data;
  for (size_t i = 0; i < c->ncids; i++) {
    if (ngtcp2_cid_eq(&c->cids[i], cid)) {
      route_remove(c->server, cid);
      c->cids[i] = c->cids[--c->ncids];
      return 0;
    }
  }
  return 0;
}

/* ---- connections ----------------------------------------------------------------------- */

/* A 64-bit mix (splitmix64's finalizer): every input bit moves every output bit. */
static uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/* A client chooses its first connection id, so the hash is keyed with the server's seed. */
static size_t cid_bucket(const wq_server *s, const uint8_t *cid, size_t len, size_t nbuckets) {
  uint64_t h = s->route_seed ^ len;
  for (size_t i = 0; i < len; i++) h = mix64(h ^ cid[i]);
  return (size_t)h & (nbuckets - 1);
}

static size_t id_bucket(uint64_t id, size_t nbuckets) { return (size_t)mix64(id) & (nbuckets - 1); }

static int table_init(wq_table *t) {
  t->buckets = calloc(WQ_MIN_BUCKETS, sizeof(void *));
  t->nbuckets = WQ_MIN_BUCKETS;
  t->count = 0;
  return t->buckets ? 0 : -1;
}

/* Doubles the routes table once it holds more entries than buckets (best effort: a failed
 * allocation leaves longer chains, never a lost entry). */
static void routes_grow(wq_server *s) {
  wq_table *t = &s->routes;
  if (t->count <= t->nbuckets) return;
  size_t n = t->nbuckets * 2;
  void **buckets = calloc(n, sizeof(void *));
  if (!buckets) return;
  for (size_t i = 0; i < t->nbuckets; i++) {
    for (wq_route *r = t->buckets[i], *next; r; r = next) {
      next = r->next;
      size_t b = cid_bucket(s, r->cid.data, r->cid.datalen, n);
      r->next = buckets[b];
      buckets[b] = r;
    }
  }
  free(t->buckets);
  t->buckets = buckets;
  t->nbuckets = n;
}

static int route_add(wq_server *s, const ngtcp2_cid *cid, wq_conn *c) {
  wq_route *r = malloc(sizeof(wq_route));
  if (!r) return -1;
  r->cid = *cid;
  r->conn = c;
  size_t b = cid_bucket(s, cid->data, cid->datalen, s->routes.nbuckets);
  r->next = s->routes.buckets[b];
  s->routes.buckets[b] = r;
  s->routes.count++;
  routes_grow(s);
  return 0;
}

static void route_remove(wq_server *s, const ngtcp2_cid *cid) {
  size_t b = cid_bucket(s, cid->data, cid->datalen, s->routes.nbuckets);
  for (wq_route **p = (wq_route **)&s->routes.buckets[b]; *p; p = &(*p)->next) {
    if (ngtcp2_cid_eq(&(*p)->cid, cid)) {
      wq_route *gone = *p;
      *p = gone->next;
      free(gone);
      s->routes.count--;
      return;
    }
  }
}

/* Gives a connection one more id to be found by (also kept in c->cids, to remove them all). */
static int conn_add_cid(wq_conn *c, const ngtcp2_cid *cid) {
  if (c->ncids == WQ_MAX_CIDS || route_add(c->server, cid, c) != 0) return -1;
  c->cids[c->ncids++] = *cid;
  return 0;
}

static wq_conn *find_conn_by_cid(wq_server *s, const uint8_t *dcid, size_t dcidlen) {
  size_t b = cid_bucket(s, dcid, dcidlen, s->routes.nbuckets);
  for (wq_route *r = s->routes.buckets[b]; r; r = r->next) {
    if (r->cid.datalen == dcidlen && memcmp(r->cid.data, dcid, dcidlen) == 0) return r->conn;
  }
  return NULL;
}

static void by_id_grow(wq_server *s) {
  wq_table *t = &s->by_id;
  if (t->count <= t->nbuckets) return;
  size_t n = t->nbuckets * 2;
  void **buckets = calloc(n, sizeof(void *));
  if (!buckets) return;
  for (size_t i = 0; i < t->nbuckets; i++) {
    for (wq_conn *c = t->buckets[i], *next; c; c = next) {
      next = c->next_by_id;
      size_t b = id_bucket(c->id, n);
      c->next_by_id = buckets[b];
      buckets[b] = c;
    }
  }
  free(t->buckets);
  t->buckets = buckets;
  t->nbuckets = n;
}

static wq_conn *find_conn_by_id(wq_server *s, uint64_t id) {
  for (wq_conn *c = s->by_id.buckets[id_bucket(id, s->by_id.nbuckets)]; c; c = c->next_by_id) {
    if (c->id == id) return c;
  }
  return NULL;
}

/* Something may have given the connection packets to send: write it in this or the next poll. */
static void want_write(wq_conn *c) {
  if (c->want_write || c->dead) return;
  c->want_write = 1;
  c->next_to_write = c->server->to_write;
  c->server->to_write = c;
}

static void fill_path(wq_server *s, wq_conn *c, ngtcp2_path *path) {
  path->local.addr = (ngtcp2_sockaddr *)&s->local;
  path->local.addrlen = s->local_len;
  path->remote.addr = (ngtcp2_sockaddr *)&c->remote;
  path->remote.addrlen = c->remote_len;
  path->user_data = NULL;
}

/* Frees a connection that is on no write list (a poll drains the list before it frees). */
static void conn_free(wq_conn *c) {
  wq_server *s = c->server;
  for (size_t i = 0; i < c->ncids; i++) route_remove(s, &c->cids[i]);
  for (wq_conn **p = (wq_conn **)&s->by_id.buckets[id_bucket(c->id, s->by_id.nbuckets)]; *p;
       p = &(*p)->next_by_id) {
    if (*p == c) {
      *p = c->next_by_id;
      s->by_id.count--;
      break;
    }
  }
  while (c->streams) {
    wq_stream *st = c->streams;
    c->streams = st->next;
    free(st->buf);
    free(st);
  }
  if (c->conn) ngtcp2_conn_del(c->conn);
  if (c->tls) gnutls_deinit(c->tls);
  free(c);
}

static wq_conn *conn_new(wq_server *s, const ngtcp2_pkt_hd *hd, const struct sockaddr_storage *remote,
                         socklen_t remote_len) {
  wq_conn *c = calloc(1, sizeof(wq_conn));
  if (!c) return NULL;
  c->server = s;
  c->id = ++s->next_conn_id;
  memcpy(&c->remote, remote, remote_len);
  c->remote_len = remote_len;

  ngtcp2_cid scid;
  scid.datalen = WQ_SCID_LEN;
  do {
    random_bytes(scid.data, scid.datalen);
  } while (find_conn_by_cid(s, scid.data, scid.datalen));

  ngtcp2_settings settings;
  ngtcp2_settings_default(&settings);
  settings.initial_ts = now_ns();
  settings.max_tx_udp_payload_size = s->cfg.max_udp_payload_bytes;
  settings.no_tx_udp_payload_size_shaping = 1;
  settings.no_pmtud = 1;
  settings.max_window = s->cfg.conn_window_bytes;
  settings.max_stream_window = s->cfg.stream_window_bytes;
  /* A handshake that stalls (a spoofed or abandoned Initial) must not hold its state forever,
   * even with max_idle_timeout = 0 (never). */
  settings.handshake_timeout = 10 * NGTCP2_SECONDS;

  ngtcp2_transport_params params;
  ngtcp2_transport_params_default(&params);
  params.initial_max_streams_bidi = s->cfg.max_bidi_streams;
  params.initial_max_streams_uni = 0;
  params.initial_max_stream_data_bidi_local = s->cfg.stream_window_bytes;
  params.initial_max_stream_data_bidi_remote = s->cfg.stream_window_bytes;
  params.initial_max_data = s->cfg.conn_window_bytes;
  params.max_idle_timeout = s->cfg.max_idle_timeout_us * NGTCP2_MICROSECONDS;
  params.original_dcid = hd->dcid;
  params.stateless_reset_token_present = 1;
  if (ngtcp2_crypto_generate_stateless_reset_token(params.stateless_reset_token, s->reset_secret,
                                                   sizeof(s->reset_secret), &scid) != 0) {
    free(c);
    return NULL;
  }

  ngtcp2_path path;
  fill_path(s, c, &path);
  if (ngtcp2_conn_server_new(&c->conn, &hd->scid, &scid, &path, hd->version, &s->callbacks, &settings,
                             &params, NULL, c) != 0) {
    c->conn = NULL;
    conn_free(c);
    return NULL;
  }
  if (s->cfg.keep_alive_us > 0) {
    ngtcp2_conn_set_keep_alive_timeout(c->conn, s->cfg.keep_alive_us * NGTCP2_MICROSECONDS);
  }
  /* Packets the client sends before it learns our id still carry the id it chose. */
  if (conn_add_cid(c, &scid) != 0 || conn_add_cid(c, &hd->dcid) != 0) {
    conn_free(c);
    return NULL;
  }

  if (gnutls_init(&c->tls, GNUTLS_SERVER | GNUTLS_NO_END_OF_EARLY_DATA) != 0 ||
      gnutls_priority_set_direct(c->tls, PRIORITIES, NULL) != 0 ||
      gnutls_credentials_set(c->tls, GNUTLS_CRD_CERTIFICATE, s->cred) != 0 ||
      ngtcp2_crypto_gnutls_configure_server_session(c->tls) != 0) {
    conn_free(c);
    return NULL;
  }
  /* Offered, never required: a client with no ALPN, or another protocol, still connects. */
  gnutls_alpn_set_protocols(c->tls, &s->alpn, 1, GNUTLS_ALPN_SERVER_PRECEDENCE);
  c->ref.get_conn = get_conn;
  c->ref.user_data = c;
  gnutls_session_set_ptr(c->tls, &c->ref);
  ngtcp2_conn_set_tls_native_handle(c->conn, c->tls);

  c->next = s->conns;
  s->conns = c;
  size_t b = id_bucket(c->id, s->by_id.nbuckets);
  c->next_by_id = s->by_id.buckets[b];
  s->by_id.buckets[b] = c;
  s->by_id.count++;
  by_id_grow(s);
  want_write(c);
  return c;
}

static void send_packet(wq_server *s, wq_conn *c, const uint8_t *data, size_t len) {
  for (;;) {
    ssize_t n = sendto(s->fd, data, len, 0, (struct sockaddr *)&c->remote, c->remote_len);
    if (n >= 0 || errno != EINTR) return; /* EAGAIN: dropped; QUIC retransmits */
  }
}

/* The connection ends: freed at the end of the poll. Java hears of it (once) unless Java
 * closed it itself (wq_conn_close). */
static void conn_kill(wq_conn *c, int notify) {
  if (c->dead) return;
  c->dead = 1;
  if (notify) push_event(c->server, WQ_EV_CLOSED, 0, c->id, -1, NULL, 0);
}

static void conn_close_with(wq_conn *c, ngtcp2_connection_close_error *ccerr, int notify) {
  wq_server *s = c->server;
  if (!ngtcp2_conn_is_in_closing_period(c->conn) && !ngtcp2_conn_is_in_draining_period(c->conn)) {
    ngtcp2_path_storage ps;
    ngtcp2_path_storage_zero(&ps);
    ngtcp2_pkt_info pi;
    ngtcp2_ssize n = ngtcp2_conn_write_connection_close(c->conn, &ps.path, &pi, s->tx,
                                                        s->cfg.max_udp_payload_bytes, ccerr, now_ns());
    if (n > 0) send_packet(s, c, s->tx, (size_t)n);
  }
  conn_kill(c, notify);
}

static void conn_fail(wq_conn *c, int liberr) {
  if (liberr == NGTCP2_ERR_DROP_CONN || liberr == NGTCP2_ERR_DRAINING || liberr == NGTCP2_ERR_IDLE_CLOSE) {
    conn_kill(c, 1);
    return;
  }
  ngtcp2_connection_close_error ccerr;
  ngtcp2_connection_close_error_default(&ccerr);
  uint8_t alert = ngtcp2_conn_get_tls_alert(c->conn);
  if (liberr == NGTCP2_ERR_CRYPTO && alert) {
    ngtcp2_connection_close_error_set_transport_error_tls_alert(&ccerr, alert, NULL, 0);
  } else {
    ngtcp2_connection_close_error_set_transport_error_liberr(&ccerr, liberr, NULL, 0);
  }
  conn_close_with(c, &ccerr, 1);
}

static wq_stream *next_pending(wq_stream *from) {
  for (wq_stream *st = from; st; st = st->next) {
    if (!st->blocked && (st->sent < st->len || (st->fin && !st->fin_sent))) return st;
  }
  return NULL;
}

/* Writes packets until ngtcp2 has nothing more to send now (or pacing says wait). */
static void conn_write(wq_server *s, wq_conn *c) {
  if (c->dead) return;
  ngtcp2_path_storage ps;
  ngtcp2_path_storage_zero(&ps);
  ngtcp2_pkt_info pi;
  uint64_t ts = now_ns();
  size_t max = s->cfg.max_udp_payload_bytes;
  for (wq_stream *st = c->streams; st; st = st->next) st->blocked = 0;
  wq_stream *st = next_pending(c->streams);
  for (;;) {
    int64_t stream_id = -1;
    ngtcp2_vec vec;
    size_t vcnt = 0;
    uint32_t flags = NGTCP2_WRITE_STREAM_FLAG_MORE;
    if (st) {
      stream_id = st->id;
      vec.base = st->buf + st->sent;
      vec.len = st->len - st->sent;
      vcnt = 1;
      if (st->fin) flags |= NGTCP2_WRITE_STREAM_FLAG_FIN;
    }
    ngtcp2_ssize datalen = -1;
    ngtcp2_ssize n = ngtcp2_conn_writev_stream(c->conn, &ps.path, &pi, s->tx, max, &datalen, flags,
                                               stream_id, vcnt ? &vec : NULL, vcnt, ts);
    if (st && datalen >= 0) {
      st->sent += (size_t)datalen;
      if (st->fin && st->sent == st->len) st->fin_sent = 1;
    }
    if (n < 0) {
      if (n == NGTCP2_ERR_WRITE_MORE) {
        st = next_pending(st);
        continue;
      }
      if (n == NGTCP2_ERR_STREAM_DATA_BLOCKED || n == NGTCP2_ERR_STREAM_SHUT_WR ||
          n == NGTCP2_ERR_STREAM_NOT_FOUND) {
        if (st) {
          st->blocked = 1;
          st = next_pending(st->next);
        }
        continue;
      }
      conn_fail(c, (int)n);
      return;
    }
    if (n == 0) break;
    send_packet(s, c, s->tx, (size_t)n);
    if (st && (st->sent == st->len) && (!st->fin || st->fin_sent)) st = next_pending(st->next);
  }
  ngtcp2_conn_update_pkt_tx_time(c->conn, ts);
}

/* ---- the endpoint ---------------------------------------------------------------------- */

void wq_server_free(wq_server *s);

/* Binds ip:port (IPv4 or IPv6 literal); NULL and a message in err on failure. */
wq_server *wq_server_new(const char *ip, int port, const char *cert_file, const char *key_file,
                         const wq_config *cfg, char *err, size_t errlen) {
  wq_server *s = calloc(1, sizeof(wq_server));
  if (!s) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  s->fd = s->epfd = s->wakefd = -1;
  s->cfg = *cfg;
  if (s->cfg.max_udp_payload_bytes < 1200) s->cfg.max_udp_payload_bytes = 1200;
  if (s->cfg.max_udp_payload_bytes > 65527) s->cfg.max_udp_payload_bytes = 65527;
  s->rx = malloc(WQ_RX_BYTES);
  s->tx = malloc(s->cfg.max_udp_payload_bytes);
  s->alpn.data = (unsigned char *)"iggy";
  s->alpn.size = 4;
  random_bytes(s->reset_secret, sizeof(s->reset_secret));
  random_bytes((uint8_t *)&s->route_seed, sizeof(s->route_seed));
  if (!s->rx || !s->tx || table_init(&s->routes) != 0 || table_init(&s->by_id) != 0) {
    snprintf(err, errlen, "out of memory");
    wq_server_free(s);
    return NULL;
  }
  int rv = gnutls_certificate_allocate_credentials(&s->cred);
  if (rv == 0) rv = gnutls_certificate_set_x509_key_file(s->cred, cert_file, key_file, GNUTLS_X509_FMT_PEM);
  if (rv < 0) {
    snprintf(err, errlen, "TLS certificate %s / key %s: %s", cert_file, key_file, gnutls_strerror(rv));
    wq_server_free(s);
    return NULL;
  }

  memset(&s->local, 0, sizeof(s->local));
  int family;
  struct sockaddr_in *in = (struct sockaddr_in *)&s->local;
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&s->local;
  if (inet_pton(AF_INET, ip, &in->sin_addr) == 1) {
    family = AF_INET;
    in->sin_family = AF_INET;
    in->sin_port = htons((uint16_t)port);
    s->local_len = sizeof(struct sockaddr_in);
    /* IPv4 carries at most 65,535 - 20 - 8 bytes of UDP payload; sendto refuses more (EMSGSIZE). */
    if (s->cfg.max_udp_payload_bytes > 65507) s->cfg.max_udp_payload_bytes = 65507;
  } else if (inet_pton(AF_INET6, ip, &in6->sin6_addr) == 1) {
    family = AF_INET6;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t)port);
    s->local_len = sizeof(struct sockaddr_in6);
  } else {
    snprintf(err, errlen, "not an IP address: %s", ip);
    wq_server_free(s);
    return NULL;
  }
  s->fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (s->fd < 0) {
    snprintf(err, errlen, "socket: %s", strerror(errno));
    wq_server_free(s);
    return NULL;
  }
  if (cfg->send_buffer_bytes > 0) {
    setsockopt(s->fd, SOL_SOCKET, SO_SNDBUF, &cfg->send_buffer_bytes, sizeof(int));
  }
  if (cfg->recv_buffer_bytes > 0) {
    setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &cfg->recv_buffer_bytes, sizeof(int));
  }
  if (bind(s->fd, (struct sockaddr *)&s->local, s->local_len) != 0) {
    snprintf(err, errlen, "bind %s:%d/udp: %s", ip, port, strerror(errno));
    wq_server_free(s);
    return NULL;
  }
  s->local_len = sizeof(s->local);
  getsockname(s->fd, (struct sockaddr *)&s->local, &s->local_len);

  s->epfd = epoll_create1(EPOLL_CLOEXEC);
  s->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (s->epfd < 0 || s->wakefd < 0) {
    snprintf(err, errlen, "epoll/eventfd: %s", strerror(errno));
    wq_server_free(s);
    return NULL;
  }
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = s->fd};
  epoll_ctl(s->epfd, EPOLL_CTL_ADD, s->fd, &ev);
  struct epoll_event wake = {.events = EPOLLIN, .data.fd = s->wakefd};
  epoll_ctl(s->epfd, EPOLL_CTL_ADD, s->wakefd, &wake);

  ngtcp2_callbacks *cb = &s->callbacks;
  cb->recv_client_initial = ngtcp2_crypto_recv_client_initial_cb;
  cb->recv_crypto_data = ngtcp2_crypto_recv_crypto_data_cb;
  cb->handshake_completed = on_handshake_completed;
  cb->encrypt = ngtcp2_crypto_encrypt_cb;
  cb->decrypt = ngtcp2_crypto_decrypt_cb;
  cb->hp_mask = ngtcp2_crypto_hp_mask_cb;
  cb->recv_stream_data = on_recv_stream_data;
  cb->stream_open = on_stream_open;
  cb->stream_close = on_stream_close;
  cb->rand = on_rand;
  cb->get_new_connection_id = on_get_new_connection_id;
  cb->remove_connection_id = on_remove_connection_id;
  cb->update_key = ngtcp2_crypto_update_key_cb;
  cb->extend_max_stream_data = on_extend_max_stream_data;
  cb->delete_crypto_aead_ctx = ngtcp2_crypto_delete_crypto_aead_ctx_cb;
  cb->delete_crypto_cipher_ctx = ngtcp2_crypto_delete_crypto_cipher_ctx_cb;
  cb->get_path_challenge_data = ngtcp2_crypto_get_path_challenge_data_cb;
  cb->version_negotiation = ngtcp2_crypto_version_negotiation_cb;
  return s;
}

int wq_local_port(wq_server *s) {
  if (s->local.ss_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)&s->local)->sin6_port);
  return ntohs(((struct sockaddr_in *)&s->local)->sin_port);
}

void wq_wakeup(wq_server *s) {
  uint64_t one = 1;
  ssize_t n = write(s->wakefd, &one, sizeof(one));
  (void)n;
}

const wq_event *wq_events(wq_server *s) { return s->events; }

static wq_stream *open_send_stream(wq_server *s, uint64_t conn_id, int64_t stream_id) {
  wq_conn *c = find_conn_by_id(s, conn_id);
  if (!c || c->dead) return NULL;
  wq_stream *st = find_stream(c, stream_id);
  return st && !st->fin ? st : NULL;
}

/* Queues bytes (copied) and optionally FIN on a stream; sent by the next wq_poll.
 * 0, or -1 when the connection or stream is gone (the client went away: nothing to do). */
int wq_stream_send(wq_server *s, uint64_t conn_id, int64_t stream_id, const uint8_t *data, size_t len,
                   int fin) {
  wq_stream *st = open_send_stream(s, conn_id, stream_id);
  if (!st) return -1;
  if (st->len + len > st->cap) {
    size_t cap = st->cap ? st->cap : 256;
    while (cap < st->len + len) cap *= 2;
    uint8_t *grown = realloc(st->buf, cap);
    if (!grown) return -1;
    st->buf = grown;
    st->cap = cap;
  }
  if (len) memcpy(st->buf + st->len, data, len);
  st->len += len;
  if (fin) st->fin = 1;
  want_write(find_conn_by_id(s, conn_id));
  return 0;
}

/* Stops reading a stream (STOP_SENDING): its remaining bytes are not wanted. Like every call
 * but wq_stream_send, only between polls, never while Java walks the events (it may add one). */
int wq_stream_stop(wq_server *s, uint64_t conn_id, int64_t stream_id, uint64_t app_error) {
  wq_conn *c = find_conn_by_id(s, conn_id);
  if (!c || c->dead) return -1;
  want_write(c);
  return ngtcp2_conn_shutdown_stream_read(c->conn, stream_id, app_error);
}

/* Closes a connection with an application error code. */
int wq_conn_close(wq_server *s, uint64_t conn_id, uint64_t app_error) {
  wq_conn *c = find_conn_by_id(s, conn_id);
  if (!c || c->dead) return -1;
  ngtcp2_connection_close_error ccerr;
  ngtcp2_connection_close_error_default(&ccerr);
  ngtcp2_connection_close_error_set_application_error(&ccerr, app_error, NULL, 0);
  conn_close_with(c, &ccerr, 0);
  return 0;
}

static void read_packets(wq_server *s) {
  for (int i = 0; i < 4096; i++) {
    struct sockaddr_storage remote;
    socklen_t remote_len = sizeof(remote);
    ssize_t n = recvfrom(s->fd, s->rx, WQ_RX_BYTES, 0, (struct sockaddr *)&remote, &remote_len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    ngtcp2_version_cid vc;
    int rv = ngtcp2_pkt_decode_version_cid(&vc, s->rx, (size_t)n, WQ_SCID_LEN);
    if (rv == NGTCP2_ERR_VERSION_NEGOTIATION) {
      uint8_t random;
      random_bytes(&random, 1);
      uint32_t versions[] = {NGTCP2_PROTO_VER_V1};
      ngtcp2_ssize len = ngtcp2_pkt_write_version_negotiation(s->tx, s->cfg.max_udp_payload_bytes, random,
                                                              vc.scid, vc.scidlen, vc.dcid, vc.dcidlen,
                                                              versions, 1);
      if (len > 0) sendto(s->fd, s->tx, (size_t)len, 0, (struct sockaddr *)&remote, remote_len);
      continue;
    }
    if (rv != 0) continue;
    wq_conn *c = find_conn_by_cid(s, vc.dcid, vc.dcidlen);
    if (!c) {
      ngtcp2_pkt_hd hd;
      if (ngtcp2_accept(&hd, s->rx, (size_t)n) != 0) continue;
      c = conn_new(s, &hd, &remote, remote_len);
      if (!c) continue;
    }
    if (c->dead) continue;
    /* The peer may have moved (NAT rebinding); ngtcp2 validates the new path. */
    memcpy(&c->remote, &remote, remote_len);
    c->remote_len = remote_len;
    ngtcp2_path path;
    fill_path(s, c, &path);
    ngtcp2_pkt_info pi = {0};
    rv = ngtcp2_conn_read_pkt(c->conn, &path, &pi, s->rx, (size_t)n, now_ns());
    if (rv != 0) {
      conn_fail(c, rv);
    } else {
      want_write(c);
    }
  }
}

/* Writes every connection on the write list, and empties it. */
static void write_wanted(wq_server *s) {
  while (s->to_write) {
    wq_conn *c = s->to_write;
    s->to_write = c->next_to_write;
    c->want_write = 0;
    conn_write(s, c);
  }
}

/* Sends what is queued, waits up to timeout_ms for datagrams (less when a connection's timer
 * is due sooner), handles them and the timers, sends again. Returns the number of events. */
int wq_poll(wq_server *s, int timeout_ms) {
  s->nevents = 0;
  s->arena_len = 0;
  write_wanted(s);

  uint64_t now = now_ns();
  uint64_t next = UINT64_MAX;
  for (wq_conn *c = s->conns; c; c = c->next) {
    if (c->dead) continue;
    uint64_t expiry = ngtcp2_conn_get_expiry(c->conn);
    if (expiry < next) next = expiry;
  }
  /* Nanosecond waits (epoll_pwait2): ngtcp2's pacing and loss timers are often due in well under
   * a millisecond on loopback, and rounding them up to epoll_wait's milliseconds would cap a
   * connection at one send burst per millisecond. */
  uint64_t wait_ns = s->nevents ? 0 : (uint64_t)timeout_ms * 1000000ULL;
  if (next != UINT64_MAX) {
    uint64_t due_ns = next <= now ? 0 : next - now;
    if (due_ns < wait_ns) wait_ns = due_ns;
  }
  struct timespec wait = {.tv_sec = (time_t)(wait_ns / 1000000000ULL), .tv_nsec = (long)(wait_ns % 1000000000ULL)};
  struct epoll_event evs[2];
  int n = epoll_pwait2(s->epfd, evs, 2, &wait, NULL);
  for (int i = 0; i < n; i++) {
    if (evs[i].data.fd == s->wakefd) {
      uint64_t count;
      ssize_t r = read(s->wakefd, &count, sizeof(count));
      (void)r;
    }
  }
  read_packets(s);

  now = now_ns();
  for (wq_conn *c = s->conns; c; c = c->next) {
    if (c->dead || ngtcp2_conn_get_expiry(c->conn) > now) continue;
    int rv = ngtcp2_conn_handle_expiry(c->conn, now);
    if (rv != 0) {
      conn_fail(c, rv);
    } else {
      want_write(c);
    }
  }
  write_wanted(s);

  /* Free the connections that ended; their CLOSED events are already queued. */
  for (wq_conn **p = &s->conns; *p;) {
    if ((*p)->dead) {
      wq_conn *dead = *p;
      *p = dead->next;
      conn_free(dead);
    } else {
      p = &(*p)->next;
    }
  }
  for (size_t i = 0; i < s->nevents; i++) {
    uintptr_t offset = (uintptr_t)s->events[i].data;
    s->events[i].data = s->events[i].len ? s->arena + offset : NULL;
  }
  return (int)s->nevents;
}

void wq_server_free(wq_server *s) {
  if (!s) return;
  while (s->conns) {
    wq_conn *c = s->conns;
    s->conns = c->next;
    conn_free(c);
  }
  if (s->cred) gnutls_certificate_free_credentials(s->cred);
  if (s->fd >= 0) close(s->fd);
  if (s->epfd >= 0) close(s->epfd);
  if (s->wakefd >= 0) close(s->wakefd);
  free(s->events);
  free(s->arena);
  free(s->rx);
  free(s->tx);
  free(s->routes.buckets);
  free(s->by_id.buckets);
  free(s);
}
