#include <cstdio>
int main() { std::puts("downstream 0.1.0"); return 0; }
