#!/usr/bin/env python3
"""Assemble parts/*.py into library_questions.jsonl, validate quotes and units."""
import json, os, re, sys, glob, collections
sys.path.insert(0, os.path.dirname(__file__))
from qtool import raw, norm
from loc import para_of
ROOT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QS=[]
def Q(kind, lang, q, P=(), R=(), note='', docs=None):
    QS.append(dict(kind=kind, lang=lang, q=q, P=list(P), R=list(R), note=note, docs=docs))
for f in sorted(glob.glob(ROOT+'/parts/*.py')):
    exec(open(f,encoding='utf-8').read(), {'Q':Q, '__file__':f})
problems=0
def chk(d,unit,quote,qid):
    global problems
    r=raw(d); a=norm(r); b=norm(r,True); nq=norm(quote)
    msg=[]
    if nq not in a: msg.append('NOT-IN-REJOINED')
    if nq not in b: msg.append('NOT-IN-HYPHENKEPT')
    n=len(nq.split())
    if n<8 or n>25: msg.append('WORDS=%d'%n)
    if re.search(r'\w -\w|\w- \w|\( |\s[,.;:]', nq): msg.append('ARTIFACT?')
    if a.count(nq)>1: msg.append('DUP x%d'%a.count(nq))
    auto,line,cnt=para_of(d,quote)
    if d.startswith('S_RES') and auto: auto=auto.replace('para','OP')
    if unit is not None and auto!=unit and not unit.startswith(('annex','rec','footnote')): msg.append('AUTO=%s'%auto)
    if unit is None and auto: msg.append('(auto %s)'%auto)
    if msg:
        problems+=1
        print(qid,d,unit,'|',' '.join(msg),'|',quote[:70])
ids=[]
cnt=collections.Counter()
gidx={}
out=[]
for i,x in enumerate(QS):
    qid='L%03d'%(i+1)
    key=(x['kind'], x['lang'])
    if key not in gidx: gidx[key]=len(gidx)
    split='tune' if (cnt[key]+gidx[key])%2==0 else 'check'
    cnt[key]+=1
    prim=[dict(doc=d,unit=u,quote=qt) for d,u,qt in x['P']]
    rel=[dict(doc=d,unit=u,quote=qt) for d,u,qt in x['R']]
    for e in prim+rel: chk(e['doc'],e['unit'],e['quote'],qid)
    docs=x['docs'] if x['docs'] is not None else list(dict.fromkeys([e['doc'] for e in prim+rel]))
    if x['kind']=='no_answer': assert not prim and not rel, qid
    else: assert prim, qid
    out.append(dict(id=qid, split=split, kind=x['kind'], lang=x['lang'], q=x['q'], docs=docs, primary=prim, relevant=rel, note=x['note']))
with open(ROOT+'/library_questions.jsonl','w',encoding='utf-8') as f:
    for o in out: f.write(json.dumps(o, ensure_ascii=False)+'\n')
print(len(out),'questions;',problems,'flagged')
k=collections.Counter(o['kind'] for o in out); print(dict(k))
print(dict(collections.Counter(o['lang'] for o in out)))
print(dict(collections.Counter((o['kind'],o['split']) for o in out)))
print(dict(collections.Counter((o['lang'],o['split']) for o in out)))
print(dict(collections.Counter(o['split'] for o in out)))
alld=set(d for o in out for d in o['docs']); print(len(alld),'docs:',sorted(alld))
