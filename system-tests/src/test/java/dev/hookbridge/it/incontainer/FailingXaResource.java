package dev.hookbridge.it.incontainer;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A third participant that votes "rollback" at prepare: it makes a transaction fail after the
 * database and the broker have both done their part, as a failing prepare of either would.
 */
public class FailingXaResource implements XAResource {

    @Override
    public int prepare(Xid xid) throws XAException {
        throw new XAException(XAException.XA_RBROLLBACK);
    }

    @Override public void commit(Xid xid, boolean onePhase) { }
    @Override public void end(Xid xid, int flags) { }
    @Override public void forget(Xid xid) { }
    @Override public int getTransactionTimeout() { return 0; }
    @Override public boolean isSameRM(XAResource other) { return other == this; }
    @Override public Xid[] recover(int flag) { return new Xid[0]; }
    @Override public void rollback(Xid xid) { }
    @Override public boolean setTransactionTimeout(int seconds) { return false; }
    @Override public void start(Xid xid, int flags) { }
}
