package org.detente.node.sync;

class SqliteFederationTest extends FederationContract {
  /** The 100,000 versions on the embedded store (about half a minute). */
  @Override
  int volume() {
    return Integer.getInteger("sync.objects", 100_000);
  }

  @Override
  NodeStores stores() {
    return NodeStores.sqlite();
  }
}
