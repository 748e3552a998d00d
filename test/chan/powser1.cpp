// Port of Go's test/chan/powser1.go: Doug McIlroy's power series, where a
// series is a demand channel pair (request, data) served by goroutines
// (Add, Mul, Diff, Integ, Exp, MonSubst, split ...), checked against known
// coefficients. Exercises select over channels that handlers set to nil.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// CHECK: PASS
#include <gort/gort.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

struct rat {
  std::int64_t num = 0, den = 0;  // numerator, denominator
  void pr() const {
    if (den == 1)
      std::printf("%lld", (long long)num);
    else
      std::printf("%lld/%lld", (long long)num, (long long)den);
    std::printf(" ");
  }
  bool eq(rat c) const { return num == c.num && den == c.den; }
};

// A demand channel: ask on req, get the next coefficient on dat. Series
// live for the whole program (goroutines serve them forever), so they are
// never freed.
struct dch {
  gort::chan<int> req;
  gort::chan<rat> dat;
  int nam;
};
using dch2 = std::array<dch*, 2>;
using PS = dch*;

const std::string chnames =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
std::atomic<int> chnameserial{-1};
std::atomic<int> seqno{0};

dch* mkdch() {
  int c = chnameserial.fetch_add(1) % int(chnames.size());
  return new dch{gort::make_chan<int>(), gort::make_chan<rat>(), c};
}

dch2* mkdch2() { return new dch2{mkdch(), mkdch()}; }

// split reads a single demand channel and replicates its output onto two,
// which may be read at different rates. A goroutine is created at first
// demand for a rat and dies after the rat has been sent to both outputs.
//
// When multiple generations of split exist, the newest will service
// requests on one channel, which is always renamed to be out[0]; the oldest
// will service requests on the other channel, out[1]. All generations but
// the newest hold queued data that has already been sent to out[0]. When
// data has finally been sent to out[1], a signal on the release-wait
// channel tells the next newer generation to begin servicing out[1].
void dosplit(dch* in, dch2* out, gort::chan<int> wait) {
  bool both = false;  // do not service both channels

  gort::select(gort::case_recv((*out)[0]->req),
               gort::case_recv(wait, [&] {
                 both = true;
                 gort::select(gort::case_recv((*out)[0]->req),
                              gort::case_recv((*out)[1]->req, [&] {
                                std::swap((*out)[0], (*out)[1]);
                              }));
               }));

  in->req.send(++seqno);
  auto release = gort::make_chan<int>();
  gort::go(dosplit, in, out, release);
  rat dat = *in->dat.recv();
  (*out)[0]->dat.send(dat);
  if (!both) wait.recv();
  (*out)[1]->req.recv();
  (*out)[1]->dat.send(dat);
  release.send(0);
}

void split(dch* in, dch2* out) {
  auto release = gort::make_chan<int>();
  gort::go(dosplit, in, out, release);
  release.send(0);
}

void put(rat dat, dch* out) {
  out->req.recv();
  out->dat.send(dat);
}

rat get(dch* in) {
  in->req.send(++seqno);
  return *in->dat.recv();
}

// Gets one rat from each of n demand channels.
std::vector<rat> getn(const std::vector<dch*>& in) {
  int n = int(in.size());
  if (n != 2) throw std::logic_error("bad n in getn");
  std::array<gort::chan<int>, 2> req;
  std::array<gort::chan<rat>, 2> dat;
  std::vector<rat> out(2);
  for (int i = 0; i < n; ++i) {
    req[i] = in[i]->req;
    dat[i] = nullptr;
  }
  for (n = 2 * n; n > 0; --n) {
    int s = ++seqno;
    gort::select(
        gort::case_send(req[0], s,
                        [&] {
                          dat[0] = in[0]->dat;
                          req[0] = nullptr;
                        }),
        gort::case_send(req[1], s,
                        [&] {
                          dat[1] = in[1]->dat;
                          req[1] = nullptr;
                        }),
        gort::case_recv(dat[0],
                        [&](std::optional<rat> it) {
                          out[0] = *it;
                          dat[0] = nullptr;
                        }),
        gort::case_recv(dat[1], [&](std::optional<rat> it) {
          out[1] = *it;
          dat[1] = nullptr;
        }));
  }
  return out;
}

// Gets one rat from each of 2 demand channels.
std::vector<rat> get2(dch* in0, dch* in1) { return getn({in0, in1}); }

void copy(dch* in, dch* out) {
  for (;;) {
    out->req.recv();
    out->dat.send(get(in));
  }
}

void repeat(rat dat, dch* out) {
  for (;;) put(dat, out);
}

PS Ones, Twos;

PS mkPS() { return mkdch(); }
dch2* mkPS2() { return mkdch2(); }

// Integer gcd; needed for rational arithmetic.
std::int64_t gcd(std::int64_t u, std::int64_t v) {
  if (u < 0) return gcd(-u, v);
  if (u == 0) return v;
  return gcd(v % u, u);
}

// Make a rational from two ints and from one int.
rat i2tor(std::int64_t u, std::int64_t v) {
  std::int64_t g = gcd(u, v);
  rat r;
  if (v > 0) {
    r.num = u / g;
    r.den = v / g;
  } else {
    r.num = -u / g;
    r.den = -v / g;
  }
  return r;
}

rat itor(std::int64_t u) { return i2tor(u, 1); }

rat zero, one;

// End mark and end test.
rat finis;

std::int64_t end(rat u) { return u.den == 0 ? 1 : 0; }

// Operations on rationals.
rat add(rat u, rat v) {
  std::int64_t g = gcd(u.den, v.den);
  return i2tor(u.num * (v.den / g) + v.num * (u.den / g), u.den * (v.den / g));
}

rat mul(rat u, rat v) {
  std::int64_t g1 = gcd(u.num, v.den);
  std::int64_t g2 = gcd(u.den, v.num);
  rat r;
  r.num = (u.num / g1) * (v.num / g2);
  r.den = (u.den / g2) * (v.den / g1);
  return r;
}

rat neg(rat u) { return i2tor(-u.num, u.den); }

rat sub(rat u, rat v) { return add(u, neg(v)); }

rat inv(rat u) {  // invert a rat
  if (u.num == 0) throw std::logic_error("zero divide in inv");
  return i2tor(u.den, u.num);
}

// Power-series constructors return channels on which power series flow.
// They start an encapsulated generator that puts the terms of the series
// on the channel.

// Make a pair of power series identical to a given power series.
dch2* Split(PS U) {
  dch2* UU = mkdch2();
  gort::go(split, U, UU);
  return UU;
}

// Add two power series.
PS Add(PS U, PS V) {
  PS Z = mkPS();
  gort::go([=] {
    for (;;) {
      Z->req.recv();
      std::vector<rat> uv = get2(U, V);
      switch (end(uv[0]) + 2 * end(uv[1])) {
        case 0:
          Z->dat.send(add(uv[0], uv[1]));
          break;
        case 1:
          Z->dat.send(uv[1]);
          copy(V, Z);
          break;
        case 2:
          Z->dat.send(uv[0]);
          copy(U, Z);
          break;
        case 3:
          Z->dat.send(finis);
      }
    }
  });
  return Z;
}

// Multiply a power series by a constant.
PS Cmul(rat c, PS U) {
  PS Z = mkPS();
  gort::go([=] {
    bool done = false;
    while (!done) {
      Z->req.recv();
      rat u = get(U);
      if (end(u) != 0)
        done = true;
      else
        Z->dat.send(mul(c, u));
    }
    Z->dat.send(finis);
  });
  return Z;
}

// Subtract.
PS Sub(PS U, PS V) { return Add(U, Cmul(neg(one), V)); }

// Multiply. The algorithm is
//   let U = u + x*UU
//   let V = v + x*VV
//   then UV = u*v + x*(u*VV+v*UU) + x*x*UU*VV
PS Mul(PS U, PS V) {
  PS Z = mkPS();
  gort::go([=] {
    Z->req.recv();
    std::vector<rat> uv = get2(U, V);
    if (end(uv[0]) != 0 || end(uv[1]) != 0) {
      Z->dat.send(finis);
    } else {
      Z->dat.send(mul(uv[0], uv[1]));
      dch2* UU = Split(U);
      dch2* VV = Split(V);
      PS W = Add(Cmul(uv[0], (*VV)[0]), Cmul(uv[1], (*UU)[0]));
      Z->req.recv();
      Z->dat.send(get(W));
      copy(Add(W, Mul((*UU)[1], (*VV)[1])), Z);
    }
  });
  return Z;
}

// Differentiate.
PS Diff(PS U) {
  PS Z = mkPS();
  gort::go([=] {
    Z->req.recv();
    rat u = get(U);
    if (end(u) == 0) {
      bool done = false;
      for (int i = 1; !done; ++i) {
        u = get(U);
        if (end(u) != 0) {
          done = true;
        } else {
          Z->dat.send(mul(itor(i), u));
          Z->req.recv();
        }
      }
    }
    Z->dat.send(finis);
  });
  return Z;
}

// Integrate, with const of integration.
PS Integ(rat c, PS U) {
  PS Z = mkPS();
  gort::go([=] {
    put(c, Z);
    bool done = false;
    for (int i = 1; !done; ++i) {
      Z->req.recv();
      rat u = get(U);
      if (end(u) != 0) done = true;
      Z->dat.send(mul(i2tor(1, i), u));
    }
    Z->dat.send(finis);
  });
  return Z;
}

// Exponential of a power series with constant term 0 (a nonzero constant
// term would make nonrational coefficients; it is simply ignored):
//   Z = exp(U), DZ = Z*DU, integrate to get Z.
PS Exp(PS U) {
  dch2* ZZ = mkPS2();
  split(Integ(one, Mul((*ZZ)[0], Diff(U))), ZZ);
  return (*ZZ)[1];
}

// Monomial substitution: U(c x^n). Each Ui is multiplied by c^i and
// followed by n-1 zeros.
PS MonSubst(PS U, rat c0, int n) {
  PS Z = mkPS();
  gort::go([=] {
    rat c = one;
    for (;;) {
      Z->req.recv();
      rat u = get(U);
      Z->dat.send(mul(u, c));
      c = mul(c, c0);
      if (end(u) != 0) {
        Z->dat.send(finis);
        break;
      }
      for (int i = 1; i < n; ++i) {
        Z->req.recv();
        Z->dat.send(zero);
      }
    }
  });
  return Z;
}

PS Rep(rat c) {
  PS Z = mkPS();
  gort::go(repeat, c, Z);
  return Z;
}

void init() {
  zero = itor(0);
  one = itor(1);
  finis = i2tor(1, 0);
  Ones = Rep(one);
  Twos = Rep(itor(2));
}

void check(PS U, rat c, int count, const char* str) {
  for (int i = 0; i < count; ++i) {
    rat r = get(U);
    if (!r.eq(c)) {
      std::printf("got: ");
      r.pr();
      std::printf("should get ");
      c.pr();
      std::printf("\n");
      std::printf("FAIL: %s\n", str);
      std::fflush(stdout);
      std::abort();
    }
  }
}

constexpr int N = 10;
void checka(PS U, const std::vector<rat>& a, const char* str) {
  for (int i = 0; i < N; ++i) check(U, a[i], 1, str);
}

int main() {
  init();
  check(Ones, one, 5, "Ones");
  check(Add(Ones, Ones), itor(2), 0, "Add Ones Ones");  // 1 1 1 1 1
  check(Add(Ones, Twos), itor(3), 0, "Add Ones Twos");  // 3 3 3 3 3
  std::vector<rat> a(N);
  PS d = Diff(Ones);
  for (int i = 0; i < N; ++i) a[i] = itor(i + 1);
  checka(d, a, "Diff");  // 1 2 3 4 5
  PS in = Integ(zero, Ones);
  a[0] = zero;  // integration constant
  for (int i = 1; i < N; ++i) a[i] = i2tor(1, i);
  checka(in, a, "Integ");                              // 0 1 1/2 1/3 1/4 1/5
  check(Cmul(neg(one), Twos), itor(-2), 10, "CMul");  // -1 -1 -1 -1 -1
  check(Sub(Ones, Twos), itor(-1), 0, "Sub Ones Twos");  // -1 -1 -1 -1 -1
  PS m = Mul(Ones, Ones);
  for (int i = 0; i < N; ++i) a[i] = itor(i + 1);
  checka(m, a, "Mul");  // 1 2 3 4 5
  PS e = Exp(Ones);
  a[0] = itor(1);
  a[1] = itor(1);
  a[2] = i2tor(3, 2);
  a[3] = i2tor(13, 6);
  a[4] = i2tor(73, 24);
  a[5] = i2tor(167, 40);
  a[6] = i2tor(4051, 720);
  a[7] = i2tor(37633, 5040);
  a[8] = i2tor(43817, 4480);
  a[9] = i2tor(4596553, 362880);
  checka(e, a, "Exp");  // 1 1 3/2 13/6 73/24
  PS at = Integ(zero, MonSubst(Ones, neg(one), 2));
  for (int c = 1, i = 0; i < N; ++i) {
    if (i % 2 == 0) {
      a[i] = zero;
    } else {
      a[i] = i2tor(c, i);
      c *= -1;
    }
  }
  checka(at, a, "ATan");  // 0 -1 0 -1/3 0 -1/5
  std::printf("PASS\n");
}
