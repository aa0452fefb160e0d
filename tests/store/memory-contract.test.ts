import { MemoryStore } from '../../src/store/memory';
import { describeStoreContract } from './contract';

describeStoreContract('embedded (graphology)', async (kb) => new MemoryStore(kb));
